package org.guildhall.search.control;

import java.time.Instant;

/**
 * One hit on a result page.
 *
 * @param snippet    HTML: the text is escaped and the only markup is {@code <mark>…</mark>}
 *                   around matches; empty when the document has no text
 * @param attachment the embedded entry the snippet comes from ("minutes.docx"), or null when it
 *                   comes from the file itself
 */
public record SearchHit(String id, SearchDocument.Kind kind, String title, String groupSlug, String type, Instant date,
        float score, String snippet, String attachment) {
}
