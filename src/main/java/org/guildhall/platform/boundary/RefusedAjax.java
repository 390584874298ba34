package org.guildhall.platform.boundary;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The AJAX side of {@link RefusedForms}: Faces answers a failed AJAX request itself, with a
 * partial response naming the exception's class and message, so an expired or foreign ViewState
 * never reaches the filter. Here it gets the same plain 400 or 403 page instead; the page in
 * the browser stays as it was.
 */
public class RefusedAjax extends ExceptionHandlerFactory {

    private static final Logger LOG = Logger.getLogger(RefusedAjax.class.getName());

    public RefusedAjax(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            FacesContext context = FacesContext.getCurrentInstance();
            if (context != null && context.getPartialViewContext().isAjaxRequest()) {
                Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
                while (events.hasNext()) {
                    int status = RefusedForms.refusal(events.next().getContext().getException());
                    if (status != 0) {
                        events.remove();
                        refuse(context, status);
                        // the rest were consequences of this one
                        while (events.hasNext()) {
                            events.next();
                            events.remove();
                        }
                        return;
                    }
                }
            }
            getWrapped().handle();
        }

        private static void refuse(FacesContext context, int status) {
            ExternalContext external = context.getExternalContext();
            LOG.log(Level.INFO, "Refused an AJAX postback to {0}: {1}",
                    new Object[] {external.getRequestServletPath(), status == 403 ? "CSP nonce" : "unknown view state"});
            if (!external.isResponseCommitted()) {
                try {
                    RefusedForms.respond((HttpServletRequest) external.getRequest(), (HttpServletResponse) external.getResponse(),
                            status, status == 403 ? RefusedForms.REFUSED : RefusedForms.EXPIRED);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            context.responseComplete();
        }
    }
}
