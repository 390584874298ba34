package org.guildhall.identity.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Last used" is written at most once a minute per token, not on every call. */
class ApiTokenTest {

    private static final Instant NINE = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void theFirstUseIsRecordedAndLaterOnesOnceAMinute() {
        ApiToken token = new ApiToken(null, "laptop", ApiToken.Scope.API, "0".repeat(64));
        assertNull(token.getLastUsedAt(), "never used");
        token.markUsed(NINE);
        assertEquals(NINE, token.getLastUsedAt());
        token.markUsed(NINE.plusSeconds(59));
        assertEquals(NINE, token.getLastUsedAt(), "a use within the minute changes nothing, so nothing is written");
        token.markUsed(NINE.plusSeconds(60));
        assertEquals(NINE.plusSeconds(60), token.getLastUsedAt());
        token.markUsed(NINE.plusSeconds(3600));
        assertEquals(NINE.plusSeconds(3600), token.getLastUsedAt());
    }

    @Test
    void aClockThatWentBackDoesNotRewriteTheLastUse() {
        ApiToken token = new ApiToken(null, "laptop", ApiToken.Scope.API, "0".repeat(64));
        token.markUsed(NINE);
        token.markUsed(NINE.minusSeconds(30));
        assertEquals(NINE, token.getLastUsedAt());
    }
}
