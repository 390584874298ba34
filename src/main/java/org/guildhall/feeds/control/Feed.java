package org.guildhall.feeds.control;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A feed before it is written, with absolute URLs only.
 *
 * @param id        stable: the feed's address without any token
 * @param self      the address it was fetched from (a private feed's includes the token)
 * @param alternate the page the feed belongs to
 */
public record Feed(String id, String title, String description, String self, String alternate, List<Entry> entries) {

    public Feed {
        Objects.requireNonNull(id);
        Objects.requireNonNull(self);
        entries = List.copyOf(entries);
    }

    /**
     * One item.
     *
     * @param id      stable over edits: the item's own page
     * @param html    the full content, already sanitized, with absolute links
     * @param updated the last change (never before {@code published})
     */
    public record Entry(String id, String link, String title, String html, String author, Instant published, Instant updated,
            String category) {

        public Entry {
            Objects.requireNonNull(id);
            Objects.requireNonNull(published);
            updated = updated == null || updated.isBefore(published) ? published : updated;
        }
    }

    /** The newest change of any entry; a feed with none says it never changed. */
    public Instant updated() {
        return entries.stream().map(Entry::updated).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }
}
