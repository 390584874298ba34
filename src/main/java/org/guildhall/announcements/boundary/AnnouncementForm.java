package org.guildhall.announcements.boundary;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.guildhall.announcements.control.AnnouncementInput;
import org.guildhall.announcements.entity.Announcement;
import org.guildhall.announcements.entity.Audience;

/** The fields of the post and edit forms; times are entered and shown in UTC, as everywhere in Guildhall. */
public class AnnouncementForm implements Serializable {

    private String title;
    private String body;
    private Audience audience = Audience.MEMBERS;
    private boolean pinned;
    private boolean requiresAcknowledgement;
    private LocalDateTime publishAt;
    private LocalDateTime expiresAt;

    static AnnouncementForm of(Announcement a) {
        AnnouncementForm form = new AnnouncementForm();
        form.title = a.getTitle();
        form.body = a.getBody();
        form.audience = a.getAudience();
        form.pinned = a.isPinned();
        form.requiresAcknowledgement = a.isRequiresAcknowledgement();
        form.publishAt = local(a.getPublishAt());
        form.expiresAt = local(a.getExpiresAt());
        return form;
    }

    AnnouncementInput input() {
        return new AnnouncementInput(title, body, audience, pinned, requiresAcknowledgement, utc(publishAt), utc(expiresAt));
    }

    private static Instant utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime local(Instant time) {
        return time == null ? null : LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public Audience getAudience() {
        return audience;
    }

    public void setAudience(Audience audience) {
        this.audience = audience;
    }

    public boolean isPinned() {
        return pinned;
    }

    public void setPinned(boolean pinned) {
        this.pinned = pinned;
    }

    public boolean isRequiresAcknowledgement() {
        return requiresAcknowledgement;
    }

    public void setRequiresAcknowledgement(boolean requiresAcknowledgement) {
        this.requiresAcknowledgement = requiresAcknowledgement;
    }

    public LocalDateTime getPublishAt() {
        return publishAt;
    }

    public void setPublishAt(LocalDateTime publishAt) {
        this.publishAt = publishAt;
    }

    public LocalDateTime getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(LocalDateTime expiresAt) {
        this.expiresAt = expiresAt;
    }
}
