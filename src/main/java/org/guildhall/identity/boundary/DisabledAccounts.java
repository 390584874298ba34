package org.guildhall.identity.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.platform.boundary.DatabaseOutagePages;
import org.guildhall.platform.control.DatabaseStatus;
import org.guildhall.identity.control.Accounts;
import org.guildhall.identity.entity.Account;

/**
 * A session whose account an administrator disabled ends on its next request: the login is
 * dropped and the browser asked to load the page again, so the container's own checks see an
 * anonymous visitor (a protected page then asks for a login).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class DisabledAccounts extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(DisabledAccounts.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    DatabaseStatus database;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // stylesheets, scripts and icons carry no data: no database look-up for each of them
        String path = request.getServletPath();
        Principal principal = path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/") ? null : request.getUserPrincipal();
        boolean disabled;
        try {
            disabled = principal != null && accounts.find(principal.getName()).filter(Account::isEnabled).isEmpty();
        } catch (RuntimeException e) {
            // this filter runs before the page's own outage handling: a logged-in visitor would get the 500 page
            if (!database.isOutage(e)) {
                throw e;
            }
            DatabaseOutagePages.respond(request, response);
            return;
        }
        if (disabled) {
            LOG.log(Level.INFO, "Ending the session of disabled account {0}", principal.getName());
            request.logout();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            String again = "GET".equals(request.getMethod())
                    ? request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString())
                    : request.getContextPath() + "/login.xhtml";
            response.sendRedirect(again);
            return;
        }
        chain.doFilter(request, response);
    }
}
