package org.guildhall.documents.control;

/** Someone asked for a version's text extraction to run again. */
public record ExtractionRetry(long versionId) {
}
