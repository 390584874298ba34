package org.guildhall.platform.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** API errors as small JSON bodies; an unexpected failure is logged here and never shows a stack trace. */
@Provider
public class ApiErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            if (web.getResponse().hasEntity()) {
                return web.getResponse();
            }
            int status = web.getResponse().getStatus();
            return body(status, status == 404 ? "Not found." : web.getResponse().getStatusInfo().getReasonPhrase());
        }
        LOG.log(Level.SEVERE, "API request failed", failure);
        return body(500, "Something went wrong on the server; it has been logged.");
    }

    public static Response body(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message)).build();
    }

    /** What every API error looks like. */
    public record ApiError(int status, String message) {
    }
}
