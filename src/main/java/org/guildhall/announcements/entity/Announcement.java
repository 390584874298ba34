package org.guildhall.announcements.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.guildhall.groups.entity.Group;
import org.guildhall.identity.entity.Account;

/**
 * One announcement on a group's board, or on the site-wide board when it has no group. The
 * body is HTML that passed the allow-list sanitizer; the title is plain text, escaped wherever
 * it is written.
 */
@Entity
@Table(name = "gh_announcement")
public class Announcement implements java.io.Serializable {

    @Id
    @SequenceGenerator(name = "announcement_seq", sequenceName = "gh_announcement_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "announcement_seq")
    private Long id;

    /** Null for a site-wide announcement. */
    @ManyToOne
    @JoinColumn(name = "group_id")
    private Group group;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(nullable = false)
    private String body;

    @ManyToOne(optional = false)
    @JoinColumn(name = "author_id")
    private Account author;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Audience audience;

    @Column(nullable = false)
    private boolean pinned;

    @Column(name = "requires_ack", nullable = false)
    private boolean requiresAcknowledgement;

    @Column(name = "publish_at", nullable = false)
    private Instant publishAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Announcement() {
    }

    public Announcement(Group group, Account author, Instant now) {
        this.group = group;
        this.author = author;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Sets what the author wrote; the body must already be sanitized. */
    public void write(String title, String sanitizedBody, Audience audience, boolean pinned, boolean requiresAcknowledgement,
            Instant publishAt, Instant expiresAt) {
        this.title = title;
        this.body = sanitizedBody;
        this.audience = audience;
        this.pinned = pinned;
        this.requiresAcknowledgement = requiresAcknowledgement;
        this.publishAt = publishAt;
        this.expiresAt = expiresAt;
    }

    public void touch(Instant now) {
        this.updatedAt = now;
    }

    public boolean isSiteWide() {
        return group == null;
    }

    /** Published and not yet expired at this moment: on the board. */
    public boolean isLive(Instant now) {
        return isPublished(now) && !isExpired(now);
    }

    public boolean isPublished(Instant now) {
        return !publishAt.isAfter(now);
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public Long getId() {
        return id;
    }

    public Group getGroup() {
        return group;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public Account getAuthor() {
        return author;
    }

    public Audience getAudience() {
        return audience;
    }

    public boolean isPinned() {
        return pinned;
    }

    public boolean isRequiresAcknowledgement() {
        return requiresAcknowledgement;
    }

    public Instant getPublishAt() {
        return publishAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
