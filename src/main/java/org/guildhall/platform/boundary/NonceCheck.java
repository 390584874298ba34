package org.guildhall.platform.boundary;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refuses a postback that carries a CSP nonce other than its page's, before any value is applied
 * or any action runs. PrimeFaces compares the nonces only when it renders the answer: after the
 * action, and not at all when the action redirects, so a post with a foreign nonce changed data
 * and then ended as a 500. A postback without a nonce passes here: the ViewState, which lives in
 * the session, is what keeps cross-site posts out, and the header search box must work without
 * JavaScript (which adds the nonce); should such a postback render a page, PrimeFaces' own check
 * refuses it, and {@link RefusedForms} answers that with the same plain 403 page.
 */
public class NonceCheck implements PhaseListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(NonceCheck.class.getName());
    /** PrimeFaces' name for the nonce, both as a request parameter and in the view map. */
    static final String NONCE = "primefaces.nonce";

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RESTORE_VIEW;
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        FacesContext context = event.getFacesContext();
        if (!context.isPostback() || context.getViewRoot() == null || context.getResponseComplete()) {
            return;
        }
        String sent = context.getExternalContext().getRequestParameterMap().get(NONCE);
        Map<String, Object> viewMap = context.getViewRoot().getViewMap(false);
        Object expected = viewMap == null ? null : viewMap.get(NONCE);
        if (sent == null || expected == null || sent.equals(expected)) {
            return;
        }
        ExternalContext external = context.getExternalContext();
        LOG.log(Level.INFO, "Refused a postback to {0}: CSP nonce of another page", context.getViewRoot().getViewId());
        try {
            RefusedForms.respond((HttpServletRequest) external.getRequest(), (HttpServletResponse) external.getResponse(),
                    403, RefusedForms.REFUSED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.responseComplete();
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        // the view, and with it the nonce it was rendered with, is known only after restoring it
    }
}
