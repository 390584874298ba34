package org.guildhall.extraction.control;

/** A version's extraction ended (in any terminal state); fired in the transaction that stored the result. */
public record TextExtracted(long documentId, long versionId) {
}
