package org.guildhall.groups.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.guildhall.groups.control.GroupException;
import org.guildhall.groups.control.GroupNotFound;
import org.guildhall.groups.control.NotAllowed;
import org.guildhall.platform.boundary.ApiErrors;

/** The API's answers to the groups component's refusals. */
public final class GroupErrors {

    private GroupErrors() {
    }

    /** Exactly the answer for an unknown path, whether the group is missing or private. */
    @Provider
    public static class NotFoundMapper implements ExceptionMapper<GroupNotFound> {
        @Override
        public Response toResponse(GroupNotFound e) {
            return ApiErrors.body(404, "Not found.");
        }
    }

    @Provider
    public static class NotAllowedMapper implements ExceptionMapper<NotAllowed> {
        @Override
        public Response toResponse(NotAllowed e) {
            return ApiErrors.body(403, e.getMessage());
        }
    }

    @Provider
    public static class RefusedMapper implements ExceptionMapper<GroupException> {
        @Override
        public Response toResponse(GroupException e) {
            return ApiErrors.body(400, e.getMessage());
        }
    }
}
