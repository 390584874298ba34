package org.guildhall.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.platform.control.DatabaseStatus;

/**
 * A page or download that failed because the database went away answers 503 with the plain
 * "temporarily unavailable" page (and a Retry-After), not the 500 page that says something broke:
 * nothing broke that a retry in a few minutes will not mend. AJAX requests get the same from
 * {@link RefusedAjax}, the API from {@link ApiErrors}.
 */
@WebFilter(servletNames = "Faces Servlet", urlPatterns = "/download/*", asyncSupported = true)
public class DatabaseOutagePages extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(DatabaseOutagePages.class.getName());
    static final String UNAVAILABLE = "unavailable.html";

    @Inject
    DatabaseStatus database;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failure) {
            if (response.isCommitted() || !database.isOutage(failure)) {
                throw failure;
            }
            LOG.log(Level.FINE, "Page refused: the database is unavailable", failure);
            respond(request, response);
        }
    }

    /** The 503 page, for filters that run before this one. */
    public static void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "30");
        RefusedForms.respond(request, response, 503, UNAVAILABLE);
    }
}
