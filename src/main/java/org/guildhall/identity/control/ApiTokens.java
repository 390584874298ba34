package org.guildhall.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.guildhall.identity.entity.Account;
import org.guildhall.identity.entity.ApiToken;

/** Personal tokens: made with 256 random bits, shown once, kept only as a hash, revoked by deleting them. */
@ApplicationScoped
@Transactional
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** EclipseLink's hint (QueryHints.READ_ONLY; its classes are not on the compile path): no managed copy to build and track. */
    private static final String READ_ONLY = "eclipselink.read-only";

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenUses uses;

    /** A new token; the returned secret is the only copy there will ever be. */
    public IssuedToken issue(long accountId, String name, ApiToken.Scope scope) {
        Account account = em.find(Account.class, accountId);
        if (account == null) {
            throw new AccountException("That account no longer exists.");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = (scope == ApiToken.Scope.API ? "gha_" : "ghf_") + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String label = name == null || name.isBlank() ? scope.name().toLowerCase() + " token" : name.trim();
        ApiToken token = new ApiToken(account, label.length() > 100 ? label.substring(0, 100) : label, scope, hash(secret));
        em.persist(token);
        return new IssuedToken(token, secret);
    }

    /**
     * The enabled account a secret acts for, within the given scope. Every API call asks this,
     * so it reads without a transaction of its own and without a managed copy (read-only), and
     * writes the use only when {@link ApiToken#isUseDue} says so: the search benchmark (issue 6)
     * found this look-up, with its transaction and its write, a seventh of a search's CPU time.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Account> resolve(String secret, ApiToken.Scope scope) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiToken> token = em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class)
                .setParameter("hash", hash(secret.trim()))
                .setHint(READ_ONLY, true)
                .getResultStream().findFirst()
                .filter(t -> t.getScope() == scope && t.getAccount().isEnabled());
        Instant now = Instant.now();
        token.filter(t -> t.isUseDue(now)).ifPresent(t -> uses.record(t.getId(), now));
        return token.map(ApiToken::getAccount);
    }

    public List<ApiToken> of(long accountId) {
        return em.createNamedQuery(ApiToken.OF_ACCOUNT, ApiToken.class)
                .setParameter("account", em.getReference(Account.class, accountId))
                .getResultList();
    }

    /** Deletes a token, if it belongs to that account; true when one was deleted. */
    public boolean revoke(long accountId, long tokenId) {
        ApiToken token = em.find(ApiToken.class, tokenId);
        if (token == null || !token.getAccount().getId().equals(accountId)) {
            return false;
        }
        em.remove(token);
        return true;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token just made, with its secret. */
    public record IssuedToken(ApiToken token, String secret) {
    }
}
