package org.guildhall.identity.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;
import org.guildhall.identity.control.ApiTokens;
import org.guildhall.identity.entity.Account;
import org.guildhall.identity.entity.ApiToken;

/** Authenticates API requests by {@code Authorization: Bearer <token>}; without the header the caller is anonymous. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokens implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @Inject
    ApiTokens tokens;

    @Inject
    CurrentAccount currentAccount;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            currentAccount.actAs(Optional.empty());
            return;
        }
        Optional<Account> account = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.resolve(header.substring(BEARER.length()).trim(), ApiToken.Scope.API)
                : Optional.empty();
        if (account.isEmpty()) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"guildhall\"")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("status", 401, "message", "The API token is missing, wrong or revoked."))
                    .build());
            return;
        }
        currentAccount.actAs(account);
    }
}
