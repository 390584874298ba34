package org.guildhall.platform.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.platform.control.DatabaseStatus;

/**
 * API errors as small JSON bodies; an unexpected failure is logged here and never shows a stack
 * trace. A request body that stopped arriving (the client went silent past the read timeout, or
 * hung up) is the client's failure, not the server's: 408 or 400, and one line in the log. The
 * database going away is not a server error either but a 503 the client may retry.
 */
@Provider
public class ApiErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());
    public static final String DATABASE_UNAVAILABLE = "Guildhall is temporarily unavailable: it cannot reach its database."
            + " Whatever this request was doing was not completed; please try again in a few minutes.";

    @Inject
    DatabaseStatus database;

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            if (web.getResponse().hasEntity()) {
                return web.getResponse();
            }
            int status = web.getResponse().getStatus();
            return body(status, status == 404 ? "Not found." : web.getResponse().getStatusInfo().getReasonPhrase());
        }
        if (database != null && database.isOutage(failure)) {
            // DatabaseStatus logs the outage once; a stack trace per refused request would bury it
            LOG.log(Level.FINE, "API request refused: the database is unavailable", failure);
            return unavailable();
        }
        if (unreadableBody(failure)) {
            // the client's mistake (broken JSON, a wrong type, an unknown value): a 400 saying so, not a logged 500
            return body(400, "The request body is not JSON of the expected shape.");
        }
        int clientFailure = clientFailureStatus(failure);
        if (clientFailure != 0) {
            LOG.log(Level.INFO, "A request body stopped arriving: {0}", failure);
            return body(clientFailure, clientFailure == 408
                    ? "The request stopped arriving before it was complete; send it again."
                    : "The request did not arrive in full; send it again.");
        }
        LOG.log(Level.SEVERE, "API request failed", failure);
        return body(500, "Something went wrong on the server; it has been logged.");
    }

    /** Jersey reports a body it could not read as JSON as a ProcessingException caused by JSON-B or JSON-P. */
    static boolean unreadableBody(Throwable failure) {
        if (!(failure instanceof jakarta.ws.rs.ProcessingException)) {
            return false;
        }
        for (Throwable t = failure.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.json.bind.JsonbException || t instanceof jakarta.json.JsonException) {
                return true;
            }
        }
        return false;
    }

    /**
     * 408 when reading the request's body from the client timed out, 400 when the client went
     * away while sending it, 0 when the failure is not the client's.
     */
    static int clientFailureStatus(Throwable failure) {
        if (!(failure instanceof IOException) || !readingTheRequest(failure)) {
            return 0;
        }
        return causedBy(failure, TimeoutException.class) ? 408 : 400;
    }

    /** Whether the failure came from reading the request from the client (the servlet container's input buffer). */
    private static boolean readingTheRequest(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().equals("org.apache.catalina.connector.InputBuffer")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    public static Response body(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message)).build();
    }

    /** 503 with a hint to retry, for a request the database's absence stopped. */
    public static Response unavailable() {
        return Response.fromResponse(body(503, DATABASE_UNAVAILABLE)).header("Retry-After", "30").build();
    }

    /** What every API error looks like. */
    public record ApiError(int status, String message) {
    }
}
