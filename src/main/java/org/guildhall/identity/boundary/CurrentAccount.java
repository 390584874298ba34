package org.guildhall.identity.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;
import org.guildhall.identity.control.Accounts;
import org.guildhall.identity.entity.Account;
import org.guildhall.identity.entity.Caller;

/**
 * The account behind this request: from the login session on pages, from the bearer token on
 * the API (which never honours the session cookie, so a cross-site request cannot use it).
 * Re-read from the database once per request, so a disabled account stops at once.
 */
@Named
@RequestScoped
public class CurrentAccount {

    // the servlet request rather than Jakarta Security's SecurityContext: the latter fails
    // (NullPointerException in Payara 7) while an error page is being rendered
    @Inject
    HttpServletRequest request;

    @Inject
    Accounts accounts;

    private Optional<Account> account;

    /** Called by the API's token filter before any resource runs. */
    void actAs(Optional<Account> tokenAccount) {
        this.account = tokenAccount;
    }

    public Optional<Account> get() {
        if (account == null) {
            Principal principal = request.getUserPrincipal();
            account = principal == null ? Optional.empty() : accounts.find(principal.getName()).filter(Account::isEnabled);
        }
        return account;
    }

    public Caller caller() {
        return Caller.of(get().orElse(null));
    }

    public boolean isLoggedIn() {
        return get().isPresent();
    }

    public boolean isAdmin() {
        return get().map(Account::isAdmin).orElse(false);
    }

    public String getDisplayName() {
        return get().map(Account::getDisplayName).orElse("");
    }
}
