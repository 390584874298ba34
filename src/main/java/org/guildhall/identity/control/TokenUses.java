package org.guildhall.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.guildhall.identity.entity.ApiToken;

/**
 * Writes down that a token was used, in a transaction of its own: {@link ApiTokens#resolve}
 * reads without one. Concurrent calls with one token write once: the update applies only
 * while the recorded use is older than {@link ApiToken#USE_RECORDED_EVERY}.
 */
@ApplicationScoped
public class TokenUses {

    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(long tokenId, Instant when) {
        em.createQuery("update ApiToken t set t.lastUsedAt = :when where t.id = :id and (t.lastUsedAt is null or t.lastUsedAt <= :due)")
                .setParameter("when", when)
                .setParameter("id", tokenId)
                .setParameter("due", when.minus(ApiToken.USE_RECORDED_EVERY))
                .executeUpdate();
    }
}
