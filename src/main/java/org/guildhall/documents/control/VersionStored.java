package org.guildhall.documents.control;

/**
 * A version was recorded, in the transaction that recorded it. Extraction observes this to
 * queue the version in the same transaction, so an accepted upload always has its job.
 */
public record VersionStored(long versionId) {
}
