package org.guildhall.documents.entity;

/** Where a version's text extraction stands. Every accepted upload ends in one of the terminal states. */
public enum ExtractionState {
    PENDING(false),
    RUNNING(false),
    DONE(true),
    /** The file could not be read; the reason says why. */
    FAILED(true),
    /** Password-protected or encrypted. */
    ENCRYPTED(true),
    /** Readable, but without any text (a scanned image, say). */
    EMPTY(true),
    /** Stopped after the time limit. */
    TIMEOUT(true);

    private final boolean terminal;

    ExtractionState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
