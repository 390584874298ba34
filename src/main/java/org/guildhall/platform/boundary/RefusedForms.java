package org.guildhall.platform.boundary;

import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A postback the server cannot trust is refused with a plain page and nothing changed, instead of
 * ending as an error: a ViewState that is unknown in this session (expired, foreign, tampered
 * with, or replayed after logout) answers 400, before the view exists; a PrimeFaces CSP nonce
 * that does not match its page answers 403 (a wrong one is caught before anything runs by
 * {@link NonceCheck}; PrimeFaces itself notices a missing one only when it renders). The
 * exceptions reach the container wrapped in FacesException and ServletException, so web.xml's
 * exception-type mappings never matched them, and they ended as 500.
 */
@WebFilter(servletNames = "Faces Servlet", asyncSupported = true)
public class RefusedForms extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(RefusedForms.class.getName());
    /** PrimeFaces' class, by name: it lives in the WAR, and a missing class must not break this filter. */
    private static final String CSP_EXCEPTION = "org.primefaces.csp.CspException";
    static final String VIEW_STATE = "jakarta.faces.ViewState";
    static final String STATELESS = "stateless";
    static final String REFUSED = "refused.html";
    static final String EXPIRED = "expired.html";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // Faces builds a "stateless" ViewState's view afresh and fails (500) unless the view is transient, and none
        // of Guildhall's is: such a postback is a form this server never issued
        if (STATELESS.equals(request.getParameter(VIEW_STATE))) {
            LOG.log(Level.INFO, "Refused a {0} to {1}: stateless view state", new Object[] {request.getMethod(), request.getRequestURI()});
            respond(request, response, 400, EXPIRED);
            return;
        }
        // a postback to a view that does not exist: Faces answers a GET with the 404 page, but fails a POST
        // with a 500 of its own before any exception reaches this filter, so it is answered here, up front
        if ("POST".equals(request.getMethod()) && request.getServletContext().getResource(request.getServletPath()) == null) {
            LOG.log(Level.INFO, "Refused a POST to {0}: no such view", request.getRequestURI());
            respond(request, response, 404, page(404));
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failure) {
            int status = refusal(failure);
            if (status == 0 || response.isCommitted()) {
                throw failure;
            }
            LOG.log(Level.INFO, "Refused a {0} to {1}: {2}",
                    new Object[] {request.getMethod(), request.getRequestURI(), status == 403 ? "CSP nonce missing or wrong" : "unknown view state"});
            respond(request, response, status, page(status));
        }
    }

    /** 400, 403, or 0 when the failure is something else. */
    static int refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(CSP_EXCEPTION)) {
                return 403;
            }
            if (t instanceof ViewExpiredException) {
                return 400;
            }
        }
        return 0;
    }

    /** The plain page for a refusal's status. */
    static String page(int status) {
        return switch (status) {
            case 403 -> REFUSED;
            case 404 -> "404.html";
            default -> EXPIRED;
        };
    }

    /** Answers with one of the plain pages in WEB-INF/errorpages, keeping the headers already set. */
    static void respond(HttpServletRequest request, HttpServletResponse response, int status, String page) throws IOException {
        // the security headers set before the chain stay; whatever the view began to write goes
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        try (InputStream html = request.getServletContext().getResourceAsStream("/WEB-INF/errorpages/" + page)) {
            if (html == null) {
                response.sendError(status);
                return;
            }
            byte[] bytes = html.readAllBytes();
            try {
                response.getOutputStream().write(bytes);
            } catch (IllegalStateException writerTaken) {
                // refused while rendering (PrimeFaces checks the nonce then): the view already took the writer
                response.getWriter().write(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }
}
