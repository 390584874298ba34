package org.guildhall.documents.control;

/** A request about a document that cannot be carried out as asked; the message is for the user. */
public class DocumentException extends RuntimeException {

    public DocumentException(String message) {
        super(message);
    }
}
