package org.guildhall.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The newest change to one piece of indexed content, numbered by the database's change
 * sequence. Written in the transaction that makes the change, so the number exists exactly when
 * the change does.
 */
@Entity
@Table(name = "gh_content_change")
public class ContentChange {

    /** What kind of content changed; the entity id is the owner's id of it. */
    public enum Kind {
        DOCUMENT,
        ANNOUNCEMENT
    }

    @Id
    // allocationSize 1: numbers handed out in blocks per node would not follow time across nodes
    @SequenceGenerator(name = "content_change_seq", sequenceName = "gh_content_change_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "content_change_seq")
    private Long seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Kind kind;

    @Column(name = "entity_id", nullable = false)
    private long entityId;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected ContentChange() {
    }

    public ContentChange(Kind kind, long entityId, Instant changedAt) {
        this.kind = kind;
        this.entityId = entityId;
        this.changedAt = changedAt;
    }

    public Long getSeq() {
        return seq;
    }

    public Kind getKind() {
        return kind;
    }

    public long getEntityId() {
        return entityId;
    }

    public Instant getChangedAt() {
        return changedAt;
    }
}
