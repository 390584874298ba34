package org.guildhall.feeds.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal's absolute address, which feeds and autodiscovery links need: the configured
 * {@code guildhall.public-url} (default {@code auto}; set it behind a reverse proxy, such as
 * {@code https://guildhall.example.org}), or else the address this request came to.
 */
@RequestScoped
public class PortalAddress {

    @Inject
    HttpServletRequest request;

    @Inject
    @ConfigProperty(name = "guildhall.public-url", defaultValue = "auto")
    String configured;

    /** Without a trailing slash, such as {@code https://guildhall.example.org} or {@code http://localhost:8080}. */
    public String base() {
        if (configured != null && !configured.isBlank() && !configured.equals("auto")) {
            return configured.strip().replaceAll("/+$", "");
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }

    public String of(String path) {
        return base() + path;
    }
}
