package org.guildhall.announcements.boundary;

import java.time.Instant;
import java.util.List;
import org.guildhall.announcements.control.AcknowledgementReport;
import org.guildhall.announcements.control.AnnouncementInput;
import org.guildhall.announcements.control.BoardItem;
import org.guildhall.announcements.control.RichText;
import org.guildhall.announcements.entity.Announcement;
import org.guildhall.announcements.entity.AnnouncementRevision;
import org.guildhall.announcements.entity.Audience;

/** Announcements as the API shows them and takes them. */
public final class AnnouncementViews {

    private AnnouncementViews() {
    }

    /** The page that shows one announcement; search results and feeds link here too. */
    public static String page(long id) {
        return "/announcements/announcement.xhtml?id=" + id;
    }

    /**
     * One announcement. {@code group} is null for a site-wide one; {@code body} is sanitized
     * HTML, {@code title} plain text (escape it where you show it). {@code acknowledged},
     * {@code dismissed} are the caller's own.
     */
    public record AnnouncementView(long id, String group, String title, String body, String author, Audience audience,
            boolean pinned, boolean requiresAcknowledgement, boolean acknowledged, boolean dismissed,
            Instant publishAt, Instant expiresAt, Instant createdAt, Instant updatedAt, String link) {

        static AnnouncementView of(BoardItem item) {
            Announcement a = item.announcement();
            return new AnnouncementView(a.getId(), a.isSiteWide() ? null : a.getGroup().getSlug(), a.getTitle(), RichText.sanitize(a.getBody()),
                    a.getAuthor().getUsername(), a.getAudience(), a.isPinned(), a.isRequiresAcknowledgement(), item.acknowledged(),
                    item.dismissed(), a.getPublishAt(), a.getExpiresAt(), a.getCreatedAt(), a.getUpdatedAt(), page(a.getId()));
        }
    }

    /** What a client sends to post or edit; absent flags are false, absent audience MEMBERS, absent publishAt now. */
    public record AnnouncementRequest(String title, String body, Audience audience, Boolean pinned, Boolean requiresAcknowledgement,
            Instant publishAt, Instant expiresAt) {

        AnnouncementInput input() {
            return new AnnouncementInput(title, body, audience, Boolean.TRUE.equals(pinned), Boolean.TRUE.equals(requiresAcknowledgement),
                    publishAt, expiresAt);
        }
    }

    /** Who has acknowledged, and who has not yet. */
    public record AcknowledgementsView(long id, String title, long acknowledged, long pending, List<ReaderView> readers) {

        static AcknowledgementsView of(AcknowledgementReport report) {
            return new AcknowledgementsView(report.announcementId(), report.title(), report.acknowledged(), report.pending(),
                    report.rows().stream().map(r -> new ReaderView(r.name(), r.username(), r.acknowledgedAt())).toList());
        }
    }

    public record ReaderView(String name, String username, Instant acknowledgedAt) {
    }

    /** A version an edit replaced. */
    public record RevisionView(String title, String body, String writtenBy, Instant writtenAt, String replacedBy, Instant replacedAt) {

        static RevisionView of(AnnouncementRevision r) {
            return new RevisionView(r.getTitle(), RichText.sanitize(r.getBody()), r.getWrittenBy().getUsername(), r.getWrittenAt(),
                    r.getReplacedBy().getUsername(), r.getReplacedAt());
        }
    }
}
