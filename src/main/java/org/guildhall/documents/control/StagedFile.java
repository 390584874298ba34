package org.guildhall.documents.control;

import java.nio.file.Path;

/** An upload that passed the policy and waits, as a temporary file, to be stored. */
public record StagedFile(Path file, String sha256, long size, String mediaType, String fileName) {
}
