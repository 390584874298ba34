package org.guildhall.documents.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.guildhall.documents.control.DocumentException;
import org.guildhall.documents.control.DocumentNotFound;
import org.guildhall.platform.boundary.ApiErrors;

/** The API's answers to the documents component's refusals. */
public final class DocumentErrors {

    private DocumentErrors() {
    }

    /** The same body as for an unknown path or a private group. */
    @Provider
    public static class NotFoundMapper implements ExceptionMapper<DocumentNotFound> {
        @Override
        public Response toResponse(DocumentNotFound e) {
            return ApiErrors.body(404, "Not found.");
        }
    }

    @Provider
    public static class RefusedMapper implements ExceptionMapper<DocumentException> {
        @Override
        public Response toResponse(DocumentException e) {
            return ApiErrors.body(400, e.getMessage());
        }
    }
}
