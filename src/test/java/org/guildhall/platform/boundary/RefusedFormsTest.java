package org.guildhall.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.primefaces.csp.CspException;

class RefusedFormsTest {

    @Test
    void aMissingNonceIsForbiddenHoweverDeeplyWrapped() {
        assertEquals(403, RefusedForms.refusal(new ServletException(new FacesException(new CspException("no nonce")))));
    }

    @Test
    void anUnknownViewStateIsABadRequest() {
        assertEquals(400, RefusedForms.refusal(new ServletException(new ViewExpiredException("gone", "/admin/new-group.xhtml"))));
    }

    @Test
    void anythingElseIsLeftToTheErrorPages() {
        assertEquals(0, RefusedForms.refusal(new ServletException(new FacesException(new IllegalStateException("bug")))));
        assertEquals(0, RefusedForms.refusal(new NullPointerException()));
    }
}
