package org.guildhall.identity.entity;

/** Who is asking, as far as permissions care: an account (perhaps an administrator) or nobody. */
public record Caller(Long accountId, String username, boolean admin) {

    public static final Caller ANONYMOUS = new Caller(null, null, false);

    public static Caller of(Account account) {
        return account == null ? ANONYMOUS : new Caller(account.getId(), account.getUsername(), account.isAdmin());
    }

    public boolean isAnonymous() {
        return accountId == null;
    }
}
