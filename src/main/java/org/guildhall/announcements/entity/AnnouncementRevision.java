package org.guildhall.announcements.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.guildhall.identity.entity.Account;

/** The title and body an edit replaced, with who wrote them and who replaced them: the history the committee sees. */
@Entity
@Table(name = "gh_announcement_revision")
public class AnnouncementRevision implements java.io.Serializable {

    @Id
    @SequenceGenerator(name = "announcement_revision_seq", sequenceName = "gh_announcement_revision_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "announcement_revision_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "announcement_id")
    private Announcement announcement;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(nullable = false)
    private String body;

    @ManyToOne(optional = false)
    @JoinColumn(name = "written_by")
    private Account writtenBy;

    @Column(name = "written_at", nullable = false)
    private Instant writtenAt;

    @ManyToOne(optional = false)
    @JoinColumn(name = "replaced_by")
    private Account replacedBy;

    @Column(name = "replaced_at", nullable = false)
    private Instant replacedAt;

    protected AnnouncementRevision() {
    }

    public AnnouncementRevision(Announcement announcement, Account writtenBy, Account replacedBy, Instant replacedAt) {
        this.announcement = announcement;
        this.title = announcement.getTitle();
        this.body = announcement.getBody();
        this.writtenBy = writtenBy;
        this.writtenAt = announcement.getUpdatedAt();
        this.replacedBy = replacedBy;
        this.replacedAt = replacedAt;
    }

    public Long getId() {
        return id;
    }

    public Announcement getAnnouncement() {
        return announcement;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public Account getWrittenBy() {
        return writtenBy;
    }

    public Instant getWrittenAt() {
        return writtenAt;
    }

    public Account getReplacedBy() {
        return replacedBy;
    }

    public Instant getReplacedAt() {
        return replacedAt;
    }
}
