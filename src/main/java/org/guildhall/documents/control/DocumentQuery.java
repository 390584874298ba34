package org.guildhall.documents.control;

/** What a document list asks for: filters, order and page (from 0). */
public record DocumentQuery(String tag, String kind, Sort sort, boolean descending, int page, int size) {

    public enum Sort { TITLE, DATE, TYPE }

    static final int MAX_SIZE = 200;

    public DocumentQuery {
        sort = sort == null ? Sort.DATE : sort;
        size = size <= 0 ? 20 : Math.min(size, MAX_SIZE);
        // page * size is the first row: a huge page number (page=2147483647) must not overflow it into a negative one
        page = Math.max(0, Math.min(page, Integer.MAX_VALUE / MAX_SIZE - 1));
        tag = tag == null || tag.isBlank() ? null : tag.trim().toLowerCase(java.util.Locale.ROOT);
        kind = kind == null || kind.isBlank() ? null : kind.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public static DocumentQuery newest() {
        return new DocumentQuery(null, null, Sort.DATE, true, 0, 20);
    }
}
