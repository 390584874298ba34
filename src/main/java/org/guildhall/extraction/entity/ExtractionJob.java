package org.guildhall.extraction.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A version waiting for, or going through, text extraction. A worker leases it for a while;
 * if the worker dies, the lease runs out and another takes the job, so a crash only delays it.
 */
@Entity
@Table(name = "gh_extraction_job")
public class ExtractionJob {

    @Id
    @SequenceGenerator(name = "extraction_job_seq", sequenceName = "gh_extraction_job_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "extraction_job_seq")
    private Long id;

    @Column(name = "version_id", nullable = false, unique = true)
    private long versionId;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected ExtractionJob() {
    }

    public ExtractionJob(long versionId) {
        this.versionId = versionId;
    }

    public Long getId() {
        return id;
    }

    public long getVersionId() {
        return versionId;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public void release() {
        this.leaseUntil = null;
    }

    public void finish(Instant when) {
        this.finishedAt = when;
        this.leaseUntil = null;
    }

    /** Queued afresh (the Retry button): a new round of attempts. */
    public void requeue() {
        this.finishedAt = null;
        this.leaseUntil = null;
        this.attempts = 0;
    }
}
