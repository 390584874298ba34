package org.guildhall.documents.control;

/** A file the upload policy refused; the message tells the uploader why, in plain words. Nothing of it is kept. */
public class UploadRejected extends Exception {

    public UploadRejected(String message) {
        super(message);
    }
}
