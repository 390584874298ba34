package org.guildhall.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"/groups/index.xhtml", "/groups/group.xhtml?slug=health-libraries", "/account/index.xhtml#tokens"})
    void pathsOnGuildhallAreKept(String target) {
        assertEquals(target, LocalTarget.of(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/x", "/\\evil.example", "http:/evil.example",
        "javascript:alert(1)", "evil.example", "/ok\r\nSet-Cookie: x=y", "", "/login.xhtml?next=/x", " /groups"})
    void everythingElseGoesHome(String target) {
        assertEquals("/", LocalTarget.of(target));
    }

    @org.junit.jupiter.api.Test
    void missingTargetGoesHome() {
        assertEquals("/", LocalTarget.of(null));
    }
}
