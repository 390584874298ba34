package org.guildhall.identity.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Form login on Guildhall's own JSF page. When a protected page sends the browser to log in,
 * the mechanism remembers that page and returns there afterwards; that target is always a
 * request the server itself received, so it cannot point elsewhere.
 */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", useForwardToLogin = false))
@ApplicationScoped
public class AuthenticationConfig {
}
