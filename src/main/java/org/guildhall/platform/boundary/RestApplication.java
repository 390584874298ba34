package org.guildhall.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The JSON API. Clients authenticate with personal API tokens, never with the browser session.
 * Its resources are application-scoped and keep nothing per request (the request's headers come
 * as method parameters): Jersey and Weld made and injected a request-scoped resource anew for
 * every call, 8 % of the server's CPU for a small API request (issue 6).
 */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(title = "Guildhall API", version = "1",
        description = "Groups, memberships, documents, announcements and search of a Guildhall portal. "
                + "Send a personal API token (account page) as 'Authorization: Bearer <token>'."))
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class RestApplication extends Application {
}
