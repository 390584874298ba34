package org.guildhall.documents.control;

/** No such document, or none the caller may read: one answer for both, so private documents do not leak. */
public class DocumentNotFound extends RuntimeException {

    public DocumentNotFound() {
        super("There is no such document.");
    }
}
