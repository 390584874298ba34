package org.guildhall.search.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.guildhall.platform.boundary.ApiErrors;
import org.guildhall.search.control.SearchUnavailable;

/** An index that cannot answer is a 503 with its reason, never an unfiltered or empty answer pretending to be one. */
@Provider
public class SearchErrors implements ExceptionMapper<SearchUnavailable> {

    @Override
    public Response toResponse(SearchUnavailable e) {
        return ApiErrors.body(503, e.getMessage());
    }
}
