package org.guildhall.extraction.control;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What extraction made of one stored file.
 *
 * @param outcome  how it ended
 * @param reason   why it did not end {@link Outcome#DONE}, in words the uploader understands;
 *                 null for DONE
 * @param parts    the text that came out: the container first (path null), then each embedded
 *                 document that yielded text, in the order the parser met them. Never null;
 *                 DONE means at least one part has more than white space
 * @param metadata the container's metadata, {@link DocumentMetadata#NONE} when nothing is known
 */
public record ExtractionResult(Outcome outcome, String reason, List<Part> parts, DocumentMetadata metadata) {

    public enum Outcome {
        /** Text came out, possibly cut at the write limit or after a parse error part-way. */
        DONE,
        /** The file parsed but holds no text at all, e.g. a scanned image. */
        EMPTY,
        ENCRYPTED,
        FAILED,
        TIMEOUT
    }

    /**
     * Text from one document inside the file.
     *
     * @param path null for the file itself, else where the embedded document sits, such as
     *             {@code /minutes.docx} or {@code /attachment.pdf/inner.txt}
     */
    public record Part(String path, String text) {

        public Part {
            Objects.requireNonNull(text, "text");
        }
    }

    public ExtractionResult {
        Objects.requireNonNull(outcome, "outcome");
        parts = List.copyOf(parts);
        metadata = metadata == null ? DocumentMetadata.NONE : metadata;
        if (outcome != Outcome.DONE && reason == null) {
            throw new IllegalArgumentException("An outcome of " + outcome + " needs a reason");
        }
    }

    static ExtractionResult failed(String reason) {
        return new ExtractionResult(Outcome.FAILED, reason, List.of(), DocumentMetadata.NONE);
    }

    /** All the text, parts separated by a blank line. */
    public String text() {
        return parts.stream().map(Part::text).filter(t -> !t.isBlank()).collect(Collectors.joining("\n\n"));
    }
}
