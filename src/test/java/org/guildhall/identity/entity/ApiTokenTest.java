package org.guildhall.identity.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Last used" is written at most once a minute per token, not on every call. */
class ApiTokenTest {

    private static final Instant NINE = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void aNeverUsedTokensFirstUseIsWrittenDown() {
        assertTrue(new ApiToken(null, "laptop", ApiToken.Scope.API, "0".repeat(64)).isUseDue(NINE));
    }

    @Test
    void usesWithinAMinuteOfTheLastWrittenOneAreNotWritten() {
        assertFalse(ApiToken.isUseDue(NINE, NINE), "the same moment");
        assertFalse(ApiToken.isUseDue(NINE, NINE.plusSeconds(59)), "59 s later");
        assertFalse(ApiToken.isUseDue(NINE, NINE.minusSeconds(30)), "a clock that went back");
        assertTrue(ApiToken.isUseDue(NINE, NINE.plusSeconds(60)), "a minute later");
        assertTrue(ApiToken.isUseDue(NINE, NINE.plusSeconds(3600)), "an hour later");
    }
}
