package org.guildhall.documents.control;

/** A document's metadata, trash state or existence changed; fired in the changing transaction. */
public record DocumentChanged(long documentId) {
}
