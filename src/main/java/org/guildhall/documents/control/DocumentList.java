package org.guildhall.documents.control;

import java.util.List;
import org.guildhall.documents.entity.Document;

/** One page of a document list and how many there are in all. */
public record DocumentList(List<Document> documents, long total, int page, int size) {
}
