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
import org.guildhall.identity.entity.Account;

/**
 * The administrators' accounts page: create, edit, disable, reset passwords. The page sits
 * under /admin (container-protected), and every action checks the role again, so a crafted
 * post from a non-administrator's session changes nothing.
 */
@Named
@ViewScoped
public class AccountAdministration implements Serializable {

    @Inject
    transient Accounts accounts;

    @Inject
    transient CurrentAccount currentAccount;

    @Inject
    transient FacesContext faces;

    private List<Account> accountList;
    private Long selectedId;
    private String username;
    private String displayName;
    private String email;
    private String password;
    private boolean admin;
    private boolean enabled = true;

    @PostConstruct
    void init() {
        accountList = accounts.all();
    }

    public void startNew() {
        selectedId = null;
        username = displayName = email = password = null;
        admin = false;
        enabled = true;
    }

    public void edit(long id) {
        Account account = accounts.find(id).orElseThrow();
        selectedId = id;
        username = account.getUsername();
        displayName = account.getDisplayName();
        email = account.getEmail();
        admin = account.isAdmin();
        enabled = account.isEnabled();
        password = null;
    }

    public void save() {
        if (!currentAccount.isAdmin()) {
            error("Only administrators manage accounts.");
            return;
        }
        try {
            if (selectedId == null) {
                accounts.create(username, displayName, email, password == null ? new char[0] : password.toCharArray(), admin);
                info("Account " + username + " created.");
            } else {
                accounts.update(selectedId, displayName, email, admin, enabled);
                if (password != null && !password.isBlank()) {
                    accounts.setPassword(selectedId, password.toCharArray());
                }
                info("Account " + username + " saved" + (password == null || password.isBlank() ? "." : ", with its new password."));
            }
            accountList = accounts.all();
            startNew();
        } catch (AccountException e) {
            error(e.getMessage());
        }
    }

    private void info(String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    private void error(String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    public boolean isEditing() {
        return selectedId != null;
    }

    public List<Account> getAccounts() {
        return accountList;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
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

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isAdmin() {
        return admin;
    }

    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
