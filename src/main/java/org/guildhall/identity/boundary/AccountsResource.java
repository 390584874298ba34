package org.guildhall.identity.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.identity.control.Accounts;
import org.guildhall.identity.entity.Account;
import org.guildhall.platform.boundary.ApiErrors;
import jakarta.ws.rs.WebApplicationException;

/** The caller's own account, and the account list for administrators. */
@Path("accounts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
@SecurityRequirement(name = "token")
public class AccountsResource {

    @Inject
    CurrentAccount currentAccount;

    @Inject
    Accounts accounts;

    @GET
    @Path("me")
    @Operation(summary = "The account the token acts for")
    public AccountView me() {
        return AccountView.of(currentAccount.get().orElseThrow(() -> refused(401, "Send a personal API token.")));
    }

    @GET
    @Operation(summary = "Every account (administrators)")
    public List<AccountView> all() {
        if (!currentAccount.isLoggedIn()) {
            throw refused(401, "Send a personal API token.");
        }
        if (!currentAccount.isAdmin()) {
            throw refused(403, "Only administrators list accounts.");
        }
        return accounts.all().stream().map(AccountView::of).toList();
    }

    private static WebApplicationException refused(int status, String message) {
        return new WebApplicationException(message, ApiErrors.body(status, message));
    }

    /** An account as the API shows it: never its password hash. */
    public record AccountView(String username, String displayName, String email, boolean admin, boolean enabled, Instant createdAt) {
        static AccountView of(Account a) {
            return new AccountView(a.getUsername(), a.getDisplayName(), a.getEmail(), a.isAdmin(), a.isEnabled(), a.getCreatedAt());
        }
    }
}
