package org.guildhall.extraction.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.guildhall.documents.control.ExtractionRetry;
import org.guildhall.documents.control.VersionStored;
import org.guildhall.platform.control.ContentChanges;
import org.guildhall.platform.entity.ContentChange;
import org.guildhall.documents.entity.DocumentVersion;
import org.guildhall.documents.entity.ExtractionState;
import org.guildhall.extraction.entity.ExtractedPart;
import org.guildhall.extraction.entity.ExtractionJob;

/**
 * The extraction jobs in the database: queued in the upload's own transaction, leased by a
 * worker with an expiry, finished with the text and the version's final state. A lease that
 * runs out (the worker died) makes the job due again; after too many attempts it fails.
 */
@ApplicationScoped
@Transactional
public class ExtractionQueue {

    private static final Logger LOG = Logger.getLogger(ExtractionQueue.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "guildhall.extraction.max-attempts", defaultValue = "3")
    int maxAttempts;

    @Inject
    ContentChanges changes;

    /** In the transaction that stored the version: the job exists if and only if the version does. */
    void enqueue(@Observes VersionStored stored) {
        em.persist(new ExtractionJob(stored.versionId()));
    }

    void retry(@Observes ExtractionRetry retry) {
        job(retry.versionId()).ifPresent(job -> {
            job.requeue();
            em.find(DocumentVersion.class, retry.versionId()).extractionState(ExtractionState.PENDING, null);
            LOG.log(Level.INFO, "Extraction of version {0} queued again on request", retry.versionId());
        });
    }

    /**
     * Ends every lease: at start-up of the only node, a lease can only be left over from a
     * crash, and waiting for it to run out would just delay the job.
     */
    public int releaseAll() {
        int released = em.createQuery("update ExtractionJob j set j.leaseUntil = null where j.finishedAt is null and j.leaseUntil is not null")
                .executeUpdate();
        if (released > 0) {
            LOG.log(Level.INFO, "Resuming {0} extraction(s) interrupted by the last shutdown", released);
        }
        return released;
    }

    /** A lease on up to {@code max} due jobs, oldest first; each comes back with what the worker needs. */
    public List<Lease> claim(int max, Duration leaseFor) {
        Instant now = Instant.now();
        // ordered by the index's columns (finishedAt is null in every row here, so this is id order):
        // the database then reads the first due jobs off the index instead of sorting every unfinished one (V5)
        List<ExtractionJob> due = em.createQuery("select j from ExtractionJob j where j.finishedAt is null"
                        + " and (j.leaseUntil is null or j.leaseUntil < :now) order by j.finishedAt, j.id", ExtractionJob.class)
                .setParameter("now", now).setMaxResults(max).getResultList();
        List<Lease> leases = new ArrayList<>();
        for (ExtractionJob job : due) {
            // the conditional update is the lock: of two nodes claiming one job, one changes a row
            int won = em.createQuery("update ExtractionJob j set j.leaseUntil = :until, j.attempts = j.attempts + 1"
                            + " where j.id = :id and j.finishedAt is null and (j.leaseUntil is null or j.leaseUntil < :now)")
                    .setParameter("until", now.plus(leaseFor)).setParameter("id", job.getId()).setParameter("now", now)
                    .executeUpdate();
            if (won == 0) {
                continue;
            }
            em.refresh(job);
            DocumentVersion version = em.find(DocumentVersion.class, job.getVersionId());
            if (version == null) {
                em.remove(job);
                continue;
            }
            if (job.getAttempts() > maxAttempts) {
                version.extractionState(ExtractionState.FAILED, "Extraction was interrupted " + maxAttempts
                        + " times and has stopped. Press Retry to try once more.");
                job.finish(now);
                continue;
            }
            version.extractionState(ExtractionState.RUNNING, null);
            leases.add(new Lease(job.getId(), version.getId(), version.getSha256(), version.getFileName()));
        }
        return leases;
    }

    /**
     * Stores what extraction found and ends the job; in the same transaction, leases up to
     * {@code next} due jobs for the worker that ran it. While a backlog lasts that is one commit
     * per document instead of two: a claim of its own was a quarter of an extraction worker's time
     * (issue 6, JFR of an ingest). A failure undoes both, and the worker gives the finished job back.
     */
    public List<Lease> finish(Lease lease, ExtractionResult result, int next, Duration leaseFor) {
        finish(lease, result);
        return next > 0 ? claim(next, leaseFor) : List.of();
    }

    private void finish(Lease lease, ExtractionResult result) {
        ExtractionJob job = em.find(ExtractionJob.class, lease.jobId());
        DocumentVersion version = em.find(DocumentVersion.class, lease.versionId());
        if (job == null || version == null) {
            return;
        }
        em.createQuery("delete from ExtractedPart p where p.versionId = :version").setParameter("version", version.getId()).executeUpdate();
        int seq = 0;
        for (ExtractionResult.Part part : result.parts()) {
            String text = withoutNul(part.text());
            if (text != null && !text.isBlank()) {
                em.persist(new ExtractedPart(version.getId(), seq++, part.path(), text));
            }
        }
        DocumentMetadata meta = result.metadata();
        version.extracted(stateOf(result.outcome()), clip(result.reason(), 1000), clip(meta.author(), 300), meta.created(),
                clip(meta.language(), 16), meta.pages());
        var document = version.getDocument();
        if (!document.isTitleByUser() && meta.title() != null && !meta.title().isBlank()
                && document.getCurrent() != null && document.getCurrent().getId().equals(version.getId())) {
            document.setTitle(clip(meta.title().strip(), 300), false);
        }
        job.finish(Instant.now());
        changes.recordAddition(ContentChange.Kind.DOCUMENT, document.getId());
    }

    /** The worker could not run the job (not a verdict on the file): it becomes due again at once. */
    public void giveBack(Lease lease) {
        ExtractionJob job = em.find(ExtractionJob.class, lease.jobId());
        DocumentVersion version = em.find(DocumentVersion.class, lease.versionId());
        if (job != null && job.getFinishedAt() == null) {
            job.release();
            if (version != null) {
                version.extractionState(ExtractionState.PENDING, null);
            }
        }
    }

    /** Jobs not finished yet, leased or waiting: how far extraction is behind the uploads. */
    public long unfinished() {
        return em.createQuery("select count(j) from ExtractionJob j where j.finishedAt is null", Long.class).getSingleResult();
    }

    /** A version's stored text, read as columns rather than as managed entities. */
    public List<ExtractionResult.Part> partsOf(long versionId) {
        return em.createNamedQuery(ExtractedPart.OF_VERSION, Object[].class).setParameter("version", versionId).getResultStream()
                .map(row -> new ExtractionResult.Part((String) row[0], (String) row[1])).toList();
    }

    private Optional<ExtractionJob> job(long versionId) {
        return em.createQuery("select j from ExtractionJob j where j.versionId = :version", ExtractionJob.class)
                .setParameter("version", versionId).getResultStream().findFirst();
    }

    static ExtractionState stateOf(ExtractionResult.Outcome outcome) {
        return switch (outcome) {
            case DONE -> ExtractionState.DONE;
            case EMPTY -> ExtractionState.EMPTY;
            case ENCRYPTED -> ExtractionState.ENCRYPTED;
            case TIMEOUT -> ExtractionState.TIMEOUT;
            case FAILED -> ExtractionState.FAILED;
        };
    }

    /** PostgreSQL refuses NUL characters in text; some files are full of them. */
    static String withoutNul(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** A job this worker holds, with what it needs to run it. */
    public record Lease(long jobId, long versionId, String sha256, String fileName) {
    }
}
