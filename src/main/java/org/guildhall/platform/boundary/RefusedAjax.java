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
import org.guildhall.platform.control.DatabaseStatus;

/**
 * The AJAX side of {@link RefusedForms}: Faces answers a failed AJAX request itself, with a
 * partial response naming the exception's class and message, so an expired or foreign ViewState
 * never reaches the filter. Here it gets the same plain 400 or 403 page instead, a failure
 * because the database went away the 503 page of {@link DatabaseOutagePages}, and any other
 * failure the plain 500 page (logged here); the page in the browser stays as it was.
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
                Throwable first = null;
                while (events.hasNext()) {
                    Throwable failure = events.next().getContext().getException();
                    int status = RefusedForms.refusal(failure);
                    if (status == 0 && jakarta.enterprise.inject.spi.CDI.current().select(DatabaseStatus.class).get().isOutage(failure)) {
                        // the database went away: the same plain 503 page as a full page gets
                        status = 503;
                    }
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
                    first = first == null ? failure : first;
                }
                if (first != null) {
                    // Faces would answer with a partial response naming the exception's class: log it, show the plain 500 page
                    LOG.log(Level.SEVERE, "An AJAX request failed", first);
                    for (Iterator<ExceptionQueuedEvent> all = getUnhandledExceptionQueuedEvents().iterator(); all.hasNext(); ) {
                        all.next();
                        all.remove();
                    }
                    fail(context);
                    return;
                }
            }
            getWrapped().handle();
        }

        private static void fail(FacesContext context) {
            ExternalContext external = context.getExternalContext();
            if (!external.isResponseCommitted()) {
                try {
                    RefusedForms.respond((HttpServletRequest) external.getRequest(), (HttpServletResponse) external.getResponse(),
                            500, "500.html");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            context.responseComplete();
        }

        private static void refuse(FacesContext context, int status) {
            ExternalContext external = context.getExternalContext();
            if (status != 503) {
                LOG.log(Level.INFO, "Refused an AJAX postback to {0}: {1}",
                        new Object[] {external.getRequestServletPath(), status == 403 ? "CSP nonce" : "unknown view state"});
            }
            if (!external.isResponseCommitted()) {
                try {
                    HttpServletRequest request = (HttpServletRequest) external.getRequest();
                    HttpServletResponse response = (HttpServletResponse) external.getResponse();
                    if (status == 503) {
                        DatabaseOutagePages.respond(request, response);
                    } else {
                        RefusedForms.respond(request, response, status, RefusedForms.page(status));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            context.responseComplete();
        }
    }
}
