package org.guildhall.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.HashSet;
import java.util.Set;
import org.guildhall.identity.entity.Account;

/** Checks user name and password against the accounts in the database; groups USER and, for administrators, ADMIN. */
@ApplicationScoped
public class GuildhallIdentityStore implements IdentityStore {

    public static final String USER = "USER";
    public static final String ADMIN = "ADMIN";

    @Inject
    Accounts accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return accounts.authenticate(login.getCaller(), login.getPassword().getValue())
                .map(account -> new CredentialValidationResult(account.getUsername(), groupsOf(account)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    private static Set<String> groupsOf(Account account) {
        Set<String> groups = new HashSet<>();
        groups.add(USER);
        if (account.isAdmin()) {
            groups.add(ADMIN);
        }
        return groups;
    }
}
