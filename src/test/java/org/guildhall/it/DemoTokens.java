package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Personal API tokens of the demo accounts, each made once per server on its account page, as its owner would. */
final class DemoTokens {

    static final String PASSWORD = "guildhall-demo";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private DemoTokens() {
    }

    static String of(URI server, String username) {
        return TOKENS.computeIfAbsent(server + " " + username, key -> {
            Portal portal = new Portal(server);
            assertEquals(302, portal.login(username, PASSWORD).statusCode());
            return portal.issueApiToken("integration tests");
        });
    }
}
