package org.guildhall.platform.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.platform.control.DatabaseStatus;

/**
 * API errors as small JSON bodies; an unexpected failure is logged here and never shows a stack
 * trace. The database going away is not a server error but a 503 the client may retry.
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
        if (database.isOutage(failure)) {
            // DatabaseStatus logs the outage once; a stack trace per refused request would bury it
            LOG.log(Level.FINE, "API request refused: the database is unavailable", failure);
            return unavailable();
        }
        LOG.log(Level.SEVERE, "API request failed", failure);
        return body(500, "Something went wrong on the server; it has been logged.");
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
