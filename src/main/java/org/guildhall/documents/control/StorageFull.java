package org.guildhall.documents.control;

/**
 * The data folder has no room for this upload: the disk is full, or storing it would leave less
 * free than {@code guildhall.storage.min-free-bytes}. Nothing of the file is kept; the API
 * answers 507 (Insufficient Storage), pages show the message.
 */
public class StorageFull extends UploadRejected {

    public static final String MESSAGE = "The server's storage is full, so the file was not stored. Please tell the administrators.";

    public StorageFull() {
        super(MESSAGE);
    }
}
