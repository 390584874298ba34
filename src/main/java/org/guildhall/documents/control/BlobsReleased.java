package org.guildhall.documents.control;

import java.util.List;

/** Versions using these blobs were deleted; once that commits, the blobs nobody else uses can go. */
public record BlobsReleased(List<String> sha256s) {
}
