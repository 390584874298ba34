package org.guildhall.search.control;

import java.time.Instant;

/**
 * What administrators see of the index (admin page, health output, REST).
 *
 * @param entries        entries searches see now
 * @param lastCommitSeq  the change sequence number the last commit covers
 * @param lastCheckResult what the last consistency check found, in words ("database and index agree", "repaired …",
 *                       "not run: …", "failed: …"); null before the first
 * @param lastRepair     what the last consistency check or rebuild repaired, in words; null if nothing yet
 * @param rebuildDone    entries written so far by the running rebuild (0 when none runs)
 * @param rebuildTotal   entries the running rebuild will write
 * @param rebuildReason  why the running (or last) rebuild started
 * @param layout         segments, entries and deleted entries as last seen (every 30 s); null before the first look
 * @param compacting     true while the index is being merged into one segment
 * @param lastCompaction what the last merge into one segment did, in words; null if none yet
 */
public record IndexStatus(State state, long entries, Instant lastCommitAt, long lastCommitSeq, Instant lastCheckAt,
        String lastCheckResult, Instant lastRepairAt, String lastRepair, long rebuildDone, long rebuildTotal, String rebuildReason,
        IndexLayout layout, boolean compacting, Instant lastCompactionAt, String lastCompaction) {

    public enum State {
        /** Not open yet. */
        STARTING,
        /** Applying changes made while the server was down. */
        CATCHING_UP,
        /** Being written again from the database; searches answer from what is there meanwhile. */
        REBUILDING,
        READY,
        /** Could not be opened at all; searches are refused with a message. */
        UNAVAILABLE
    }

    public boolean rebuilding() {
        return state == State.REBUILDING;
    }

    /** Whole percent of the running rebuild; 100 when none runs. */
    public int rebuildPercent() {
        return rebuildTotal <= 0 ? (rebuilding() ? 0 : 100) : (int) Math.min(100, rebuildDone * 100 / rebuildTotal);
    }
}
