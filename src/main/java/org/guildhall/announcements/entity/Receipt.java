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
import org.guildhall.identity.entity.Account;

/** What one account did with one announcement: pressed "I have read this", or dismissed its pinned banner. */
@Entity
@Table(name = "gh_announcement_receipt")
public class Receipt {

    public enum Kind { ACKNOWLEDGED, DISMISSED }

    @Id
    @SequenceGenerator(name = "announcement_receipt_seq", sequenceName = "gh_announcement_receipt_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "announcement_receipt_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "announcement_id")
    private Announcement announcement;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    private Account account;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Kind kind;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected Receipt() {
    }

    public Receipt(Announcement announcement, Account account, Kind kind, Instant receivedAt) {
        this.announcement = announcement;
        this.account = account;
        this.kind = kind;
        this.receivedAt = receivedAt;
    }

    public Announcement getAnnouncement() {
        return announcement;
    }

    public Account getAccount() {
        return account;
    }

    public Kind getKind() {
        return kind;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }
}
