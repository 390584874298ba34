package org.guildhall.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.identity.control.LocalTarget;
import org.guildhall.identity.control.LoginThrottle;
import org.guildhall.platform.boundary.DatabaseOutagePages;
import org.guildhall.platform.control.DatabaseStatus;

/** The login page: checks the throttle, authenticates through Jakarta Security, then goes back where the user was going. */
@Named
@RequestScoped
public class Login {

    private static final Logger LOG = Logger.getLogger(Login.class.getName());

    @Inject
    DatabaseStatus database;

    @Inject
    SecurityContext securityContext;

    @Inject
    LoginThrottle throttle;

    @Inject
    FacesContext faces;

    @NotBlank(message = "Enter your user name.")
    private String username;

    @NotBlank(message = "Enter your password.")
    private String password;

    private String next;

    /** On a forward from a protected page, that page is where to go after login. */
    @PostConstruct
    void init() {
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        Object forwardedFrom = request.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH);
        if (forwardedFrom != null) {
            Object query = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
            next = forwardedFrom + (query == null ? "" : "?" + query);
        }
    }

    public void submit() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        String address = request.getRemoteAddr();

        Optional<Duration> locked = throttle.lockedFor(username, address);
        if (locked.isPresent()) {
            long minutes = Math.max(1, (locked.get().toSeconds() + 59) / 60);
            error("Too many failed logins. For your security, logging in is locked for " + minutes
                    + (minutes == 1 ? " minute." : " minutes.") + " Try again later, or ask an administrator to reset your password.");
            return;
        }
        // a fresh session id, so an id planted before login is worthless afterwards
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        AuthenticationStatus status = securityContext.authenticate(request, response,
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(username.trim(), new Password(password)))
                        .newAuthentication(true));
        switch (status) {
            case SEND_CONTINUE -> {
                throttle.succeeded(username);
                faces.responseComplete();
            }
            case SUCCESS -> {
                throttle.succeeded(username);
                LOG.log(Level.INFO, "Login of {0}", username.trim().toLowerCase());
                external.redirect(external.getRequestContextPath() + LocalTarget.of(next));
            }
            default -> {
                // Soteria keeps the failed attempt's state in the session, and the next protected
                // page then answers an empty 200 instead of the login form: start afresh
                request.getSession().invalidate();
                if (!database.reachable()) {
                    // the identity store could not look the account up: not the user's mistake, and
                    // counting it would lock accounts during an outage
                    LOG.log(Level.WARNING, "Login of {0} not checked: the database is unavailable", username.trim().toLowerCase());
                    DatabaseOutagePages.respond(request, response);
                    faces.responseComplete();
                    return;
                }
                throttle.failed(username, address);
                LOG.log(Level.INFO, "Failed login for {0} from {1}", new Object[]{username.trim().toLowerCase(), address});
                error("Wrong user name or password.");
            }
        }
    }

    private void error(String text) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
