package org.guildhall.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.guildhall.identity.control.AccountException;
import org.guildhall.identity.control.Accounts;
import org.guildhall.identity.control.ApiTokens;
import org.guildhall.identity.entity.Account;
import org.guildhall.identity.entity.ApiToken;

/**
 * The account page: own details, own password, personal API and feed tokens (a feed token's
 * private feed addresses are shown with it, once: {@code feeds.boundary.FeedLinks#personal}).
 */
@Named
@ViewScoped
public class AccountPage implements Serializable {

    @Inject
    transient CurrentAccount currentAccount;

    @Inject
    transient Accounts accounts;

    @Inject
    transient ApiTokens tokens;

    @Inject
    transient FacesContext faces;

    private long accountId;
    private String displayName;
    private String email;
    private String currentPassword;
    private String newPassword;
    private String tokenName;
    private ApiToken.Scope tokenScope = ApiToken.Scope.API;
    private String newSecret;
    private List<ApiToken> tokenList;

    @PostConstruct
    void init() {
        Account account = currentAccount.get().orElseThrow();
        accountId = account.getId();
        displayName = account.getDisplayName();
        email = account.getEmail();
        tokenList = tokens.of(accountId);
    }

    public void saveDetails() {
        Account account = accounts.find(accountId).orElseThrow();
        accounts.update(accountId, displayName, email, account.isAdmin(), account.isEnabled());
        info("Your details are saved.");
    }

    public void changePassword() {
        Account account = accounts.find(accountId).orElseThrow();
        if (currentPassword == null || accounts.authenticate(account.getUsername(), currentPassword.toCharArray()).isEmpty()) {
            error("Your current password is not right.");
            return;
        }
        try {
            accounts.setPassword(accountId, newPassword == null ? new char[0] : newPassword.toCharArray());
            info("Your password is changed.");
        } catch (AccountException e) {
            error(e.getMessage());
        }
    }

    public void issueToken() {
        newSecret = tokens.issue(accountId, tokenName, tokenScope).secret();
        tokenName = null;
        tokenList = tokens.of(accountId);
        info("Token created. Copy it now: it will not be shown again.");
    }

    /** Revokes a token and makes a new one of the same name and kind: a feed reader's address changes, the old one stops at once. */
    public void renew(long tokenId) {
        ApiToken old = tokenList.stream().filter(t -> t.getId() == tokenId).findFirst().orElse(null);
        if (old == null || !tokens.revoke(accountId, tokenId)) {
            return;
        }
        newSecret = tokens.issue(accountId, old.getName(), old.getScope()).secret();
        tokenList = tokens.of(accountId);
        info("Token renewed: the old one stopped working. Copy the new one now: it will not be shown again.");
    }

    public void revoke(long tokenId) {
        if (tokens.revoke(accountId, tokenId)) {
            info("Token revoked; it stopped working at once.");
        }
        newSecret = null;
        tokenList = tokens.of(accountId);
    }

    private void info(String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    private void error(String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    public List<ApiToken> getTokens() {
        return tokenList;
    }

    public ApiToken.Scope[] getScopes() {
        return ApiToken.Scope.values();
    }

    public String getNewSecret() {
        return newSecret;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getTokenName() {
        return tokenName;
    }

    public void setTokenName(String tokenName) {
        this.tokenName = tokenName;
    }

    public ApiToken.Scope getTokenScope() {
        return tokenScope;
    }

    public void setTokenScope(ApiToken.Scope tokenScope) {
        this.tokenScope = tokenScope;
    }
}
