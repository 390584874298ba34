package org.guildhall.identity.control;

import java.util.regex.Pattern;

/**
 * Where to send a user after login: only a path on Guildhall itself. Anything that a browser
 * could read as another origin ({@code //evil}, {@code /\evil}, {@code https:}, control
 * characters) falls back to the home page, so a login link cannot be an open redirect.
 */
public final class LocalTarget {

    private static final Pattern SAFE = Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~/?#\\[\\]@!$&'()*+,;=%]*");

    private LocalTarget() {
    }

    /** The target relative to the application, or "/" when it is not a local path. */
    public static String of(String requested) {
        if (requested == null || requested.length() > 2000 || !SAFE.matcher(requested).matches()) {
            return "/";
        }
        if (requested.startsWith("/login.xhtml") || requested.startsWith("/logout")) {
            return "/";
        }
        return requested;
    }
}
