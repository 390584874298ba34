package org.guildhall.identity.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.guildhall.identity.control.AccountException;
import org.guildhall.identity.control.Accounts;

/** Self sign-up; {@code guildhall.signup.enabled=false} turns the page into a notice. */
@Named
@RequestScoped
public class SignUp {

    @Inject
    @ConfigProperty(name = "guildhall.signup.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    Accounts accounts;

    @Inject
    FacesContext faces;

    @NotBlank(message = "Choose a user name.")
    private String username;
    private String displayName;
    @Email(message = "That is not an e-mail address.")
    private String email;
    @NotBlank(message = "Choose a password.")
    private String password;

    public void submit() throws IOException {
        if (!enabled) {
            message(FacesMessage.SEVERITY_ERROR, "Sign-up is switched off on this portal; ask an administrator for an account.");
            return;
        }
        try {
            accounts.create(username, displayName, email, password.toCharArray(), false);
        } catch (AccountException e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage());
            return;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        message(FacesMessage.SEVERITY_INFO, "Your account is ready. Log in with it now.");
        faces.getExternalContext().redirect(faces.getExternalContext().getRequestContextPath() + "/login.xhtml");
    }

    private void message(FacesMessage.Severity severity, String text) {
        faces.addMessage(null, new FacesMessage(severity, text, null));
    }

    public boolean isEnabled() {
        return enabled;
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
}
