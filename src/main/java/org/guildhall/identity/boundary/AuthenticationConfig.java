package org.guildhall.identity.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Form login on Guildhall's own JSF page. A protected page forwards to the login page (the
 * address bar keeps the page asked for); the login page takes that page as where to go next.
 */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", useForwardToLogin = true))
@ApplicationScoped
public class AuthenticationConfig {
}
