package org.guildhall.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.guildhall.platform.entity.ContentChange;

/**
 * The database change sequence: owners of indexed content call {@link #record} in the
 * transaction that changes it, instead of importing the search component (DESIGN.md rule 8).
 */
@ApplicationScoped
public class ContentChanges {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<ContentChanged> changed;

    /** Numbers this change, keeps it as the entity's newest, and announces it after commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long record(ContentChange.Kind kind, long entityId) {
        return record(kind, entityId, false);
    }

    /**
     * As {@link #record(ContentChange.Kind, long)} for a change that only adds what readers may
     * see (a new document or version, extracted text): followers such as search may show it a
     * moment after the commit instead of before the request is answered.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long recordAddition(ContentChange.Kind kind, long entityId) {
        return record(kind, entityId, true);
    }

    private long record(ContentChange.Kind kind, long entityId, boolean addition) {
        ContentChange change = new ContentChange(kind, entityId, Instant.now());
        em.persist(change);
        em.flush();
        em.createQuery("delete from ContentChange c where c.kind = :kind and c.entityId = :id and c.seq < :seq")
                .setParameter("kind", kind).setParameter("id", entityId).setParameter("seq", change.getSeq())
                .executeUpdate();
        changed.fire(new ContentChanged(kind, entityId, change.getSeq(), addition));
        return change.getSeq();
    }

    /** The highest number handed out and committed so far; 0 before the first change. */
    @Transactional(Transactional.TxType.REQUIRED)
    public long latest() {
        Long max = em.createQuery("select max(c.seq) from ContentChange c", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    /**
     * Changes numbered after {@code afterSeq} or made since {@code since}, a page at a time in
     * number order from after {@code cursor}. The time window catches a change whose transaction
     * took its number before, but committed after, a later one.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<ContentChange> since(long afterSeq, Instant since, long cursor, int limit) {
        return em.createQuery("select c from ContentChange c where (c.seq > :seq or c.changedAt >= :since) and c.seq > :cursor"
                                + " order by c.seq", ContentChange.class)
                .setParameter("seq", afterSeq).setParameter("since", since).setParameter("cursor", cursor)
                .setMaxResults(limit).getResultList();
    }

    /** The newest change number per entity of this kind (entities never changed have none). */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<Object[]> newest(ContentChange.Kind kind) {
        return em.createQuery("select c.entityId, max(c.seq) from ContentChange c where c.kind = :kind group by c.entityId",
                Object[].class).setParameter("kind", kind).getResultList();
    }

    /** The newest change number of one entity; 0 when it never changed. */
    @Transactional(Transactional.TxType.REQUIRED)
    public long newest(ContentChange.Kind kind, long entityId) {
        Long max = em.createQuery("select max(c.seq) from ContentChange c where c.kind = :kind and c.entityId = :id", Long.class)
                .setParameter("kind", kind).setParameter("id", entityId).getSingleResult();
        return max == null ? 0 : max;
    }
}
