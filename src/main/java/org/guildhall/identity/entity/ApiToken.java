package org.guildhall.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A personal token that acts for its account: API access ({@link Scope#API}) or reading
 * private feeds ({@link Scope#FEED}). Only the SHA-256 of the secret is kept, so a leaked
 * database does not leak working tokens.
 */
@Entity
@Table(name = "gh_api_token")
// the account in the same query: every API call resolves its token
@NamedQuery(name = ApiToken.BY_HASH, query = "select t from ApiToken t join fetch t.account where t.secretHash = :hash")
@NamedQuery(name = ApiToken.OF_ACCOUNT, query = "select t from ApiToken t where t.account = :account order by t.createdAt desc")
public class ApiToken {

    public static final String BY_HASH = "ApiToken.byHash";
    public static final String OF_ACCOUNT = "ApiToken.ofAccount";

    public enum Scope { API, FEED }

    /**
     * How often a use is written down. Writing every use made each API call a database write
     * on one row: at 8 concurrent searches with one token (the search benchmark, issue 6) the
     * commit of that update was two thirds of the time spent on the token, and the calls queued
     * on the row's lock. "Last used" is shown to the minute.
     */
    public static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    @Id
    @SequenceGenerator(name = "api_token_seq", sequenceName = "gh_api_token_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_token_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "account_id")
    private Account account;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "secret_hash", nullable = false, unique = true, length = 64)
    private String secretHash;

    @Column(nullable = false, length = 10)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Scope scope;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ApiToken() {
    }

    public ApiToken(Account account, String name, Scope scope, String secretHash) {
        this.account = account;
        this.name = name;
        this.scope = scope;
        this.secretHash = secretHash;
    }

    public Long getId() {
        return id;
    }

    public Account getAccount() {
        return account;
    }

    public String getName() {
        return name;
    }

    public Scope getScope() {
        return scope;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    /** True when a use at this moment is to be written down: none was in the {@link #USE_RECORDED_EVERY} before it. */
    public boolean isUseDue(Instant when) {
        return isUseDue(lastUsedAt, when);
    }

    /** The rule of {@link #isUseDue(Instant)} for a last recorded use (null: never used). */
    static boolean isUseDue(Instant lastUsedAt, Instant when) {
        return lastUsedAt == null || !when.isBefore(lastUsedAt.plus(USE_RECORDED_EVERY));
    }
}
