package org.guildhall.announcements.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.guildhall.announcements.control.AnnouncementException;
import org.guildhall.announcements.control.AnnouncementNotFound;
import org.guildhall.platform.boundary.ApiErrors;

/** The API's answers to the announcements component's refusals. */
public final class AnnouncementErrors {

    private AnnouncementErrors() {
    }

    /** The same body as for an unknown path, a private group or a scheduled announcement. */
    @Provider
    public static class NotFoundMapper implements ExceptionMapper<AnnouncementNotFound> {
        @Override
        public Response toResponse(AnnouncementNotFound e) {
            return ApiErrors.body(404, "Not found.");
        }
    }

    @Provider
    public static class RefusedMapper implements ExceptionMapper<AnnouncementException> {
        @Override
        public Response toResponse(AnnouncementException e) {
            return ApiErrors.body(400, e.getMessage());
        }
    }
}
