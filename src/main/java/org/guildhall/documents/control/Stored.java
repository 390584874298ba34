package org.guildhall.documents.control;

import java.util.List;
import org.guildhall.documents.entity.Document;
import org.guildhall.documents.entity.DocumentVersion;

/** An upload that was stored, and the documents (that the uploader may read) that already had the same bytes. */
public record Stored(Document document, DocumentVersion version, List<Document> sameContent) {
}
