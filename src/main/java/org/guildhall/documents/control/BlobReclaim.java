package org.guildhall.documents.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes released blobs after the purge committed, each only if no version references it
 * then and no upload is putting it (a blob is shared by every version with the same bytes).
 */
@ApplicationScoped
public class BlobReclaim {

    private static final Logger LOG = Logger.getLogger(BlobReclaim.class.getName());

    @Inject
    BlobStore blobs;

    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void reclaim(@Observes(during = TransactionPhase.AFTER_SUCCESS) BlobsReleased released) {
        for (String sha : released.sha256s()) {
            boolean deleted = blobs.deleteIfUnused(sha, () -> em.createQuery(
                    "select count(v) from DocumentVersion v where v.sha256 = :sha", Long.class).setParameter("sha", sha).getSingleResult() == 0);
            LOG.log(Level.FINE, "Blob {0}: {1}", new Object[]{sha, deleted ? "deleted" : "still in use"});
        }
    }
}
