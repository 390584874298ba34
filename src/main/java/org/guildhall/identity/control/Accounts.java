package org.guildhall.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.guildhall.identity.entity.Account;

/** Creating, finding and changing accounts; the rules a user name and a password must meet. */
@ApplicationScoped
@Transactional
public class Accounts {

    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    @PersistenceContext
    EntityManager em;

    private final PasswordHashing hashing = new PasswordHashing();

    public Account create(String username, String displayName, String email, char[] password, boolean admin) {
        String name = normalise(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new AccountException("A user name has 2 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (find(name).isPresent()) {
            throw new AccountException("The user name '" + name + "' is taken.");
        }
        checkPassword(password);
        Account account = new Account(name, checkedName(blankToDefault(displayName, name)), checkedEmail(blankToNull(email)), hashing.hash(password));
        account.setAdmin(admin);
        em.persist(account);
        return account;
    }

    public Optional<Account> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return em.createNamedQuery(Account.BY_USERNAME, Account.class)
                .setParameter("username", normalise(username))
                .getResultStream().findFirst();
    }

    public Optional<Account> find(long id) {
        return Optional.ofNullable(em.find(Account.class, id));
    }

    public List<Account> all() {
        return em.createQuery("select a from Account a order by a.username", Account.class).getResultList();
    }

    public Account update(long id, String displayName, String email, boolean admin, boolean enabled) {
        Account account = find(id).orElseThrow(() -> new AccountException("That account no longer exists."));
        account.setDisplayName(checkedName(blankToDefault(displayName, account.getUsername())));
        account.setEmail(checkedEmail(blankToNull(email)));
        account.setAdmin(admin);
        account.setEnabled(enabled);
        return account;
    }

    public void setPassword(long id, char[] password) {
        checkPassword(password);
        find(id).orElseThrow(() -> new AccountException("That account no longer exists."))
                .setPasswordHash(hashing.hash(password));
    }

    /** The account these credentials belong to, when they are right and the account may log in. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Account> authenticate(String username, char[] password) {
        Optional<Account> account = find(username);
        if (account.isEmpty()) {
            // as slow as a real check, so response times do not tell which user names exist
            hashing.verify(password, DUMMY_HASH);
            return Optional.empty();
        }
        boolean matches = hashing.verify(password, account.get().getPasswordHash());
        return matches && account.get().isEnabled() ? account : Optional.empty();
    }

    private static final String DUMMY_HASH = new PasswordHashing().hash("not a password".toCharArray());

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new AccountException("A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
    }

    private static String checkedName(String displayName) {
        if (displayName.length() > 200) {
            throw new AccountException("A name has at most 200 characters.");
        }
        return displayName;
    }

    private static String checkedEmail(String email) {
        if (email != null && email.length() > 254) {
            throw new AccountException("An e-mail address has at most 254 characters.");
        }
        return email;
    }

    static String normalise(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
