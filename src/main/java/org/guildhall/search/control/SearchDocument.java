package org.guildhall.search.control;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the index holds for one document or announcement: the owners' data as search needs it,
 * so the index can be rebuilt from the database without running extraction again.
 *
 * @param id        unique over both kinds, such as {@code doc-42} or {@code ann-7}; re-indexing the
 *                  same id replaces the earlier entry
 * @param groupId   the group whose readers may see it; the permission filter matches this
 * @param groupSlug shown on hits and counted as the group facet
 * @param parts     the text: the file itself first (path null), then each embedded entry with its
 *                  path such as {@code /minutes.docx}; an announcement has one part, its text
 * @param fileName  the uploaded name, null for announcements
 * @param tags      cleaned tags (lower case), empty for announcements
 * @param author    who uploaded or posted it, as shown; may be null
 * @param type      the kind word from {@code DocumentTypes.kind} (pdf, word, …); null for
 *                  announcements, which are typed {@value #ANNOUNCEMENT_TYPE}
 * @param date      when it was last changed or published; sorting and the year facet use it
 * @param version   the document's current version number, 1 for announcements
 * @param access      the {@link Readers} keys of who may see it; by default the group's readers
 * @param visibleFrom when it becomes visible (a scheduled announcement); null: at once
 */
public record SearchDocument(String id, Kind kind, long groupId, String groupSlug, String title, List<Part> parts,
        String fileName, List<String> tags, String author, String type, Instant date, int version,
        List<String> access, Instant visibleFrom) {

    /** Visible to the group's readers at once, as documents are. */
    public SearchDocument(String id, Kind kind, long groupId, String groupSlug, String title, List<Part> parts,
            String fileName, List<String> tags, String author, String type, Instant date, int version) {
        this(id, kind, groupId, groupSlug, title, parts, fileName, tags, author, type, date, version, null, null);
    }

    public static final String ANNOUNCEMENT_TYPE = "announcement";

    public enum Kind {
        DOCUMENT,
        ANNOUNCEMENT
    }

    /** Text from the file itself (path null) or from one of its embedded entries. */
    public record Part(String path, String text) {

        public Part {
            text = text == null ? "" : text;
        }
    }

    public SearchDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(groupSlug, "groupSlug");
        Objects.requireNonNull(date, "date");
        title = title == null ? "" : title;
        parts = parts == null ? List.of() : List.copyOf(parts);
        tags = tags == null ? List.of() : List.copyOf(tags);
        access = access == null || access.isEmpty() ? List.of(Readers.group(groupId)) : List.copyOf(access);
        if (type == null || type.isBlank()) {
            type = kind == Kind.ANNOUNCEMENT ? ANNOUNCEMENT_TYPE : "other";
        }
    }

    public static String documentId(long documentId) {
        return "doc-" + documentId;
    }

    public static String announcementId(long announcementId) {
        return "ann-" + announcementId;
    }
}
