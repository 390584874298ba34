package org.guildhall.identity.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    final MovableClock clock = new MovableClock();
    final LoginThrottle cut = new LoginThrottle(3, 10, 15, clock);

    @Test
    void accountLocksAfterTooManyFailuresAndUnlocksLater() {
        cut.failed("Mia", "10.0.0.1");
        cut.failed("mia", "10.0.0.2");
        assertFalse(cut.lockedFor("mia", "10.0.0.3").isPresent());
        cut.failed("mia ", "10.0.0.3");
        assertTrue(cut.lockedFor("mia", "10.0.0.4").isPresent(), "third failure locks the account from any address");
        assertFalse(cut.lockedFor("noah", "10.0.0.4").isPresent(), "other accounts are unaffected");

        clock.advance(Duration.ofMinutes(16));
        assertFalse(cut.lockedFor("mia", "10.0.0.4").isPresent(), "the lock expires");
    }

    @Test
    void successForgivesEarlierFailures() {
        cut.failed("mia", "a");
        cut.failed("mia", "a");
        cut.succeeded("mia");
        cut.failed("mia", "a");
        assertFalse(cut.lockedFor("mia", "a").isPresent());
    }

    @Test
    void oneAddressTryingManyAccountsIsLocked() {
        for (int i = 0; i < 10; i++) {
            cut.failed("user" + i, "192.0.2.9");
        }
        assertTrue(cut.lockedFor("someone-else", "192.0.2.9").isPresent());
        assertFalse(cut.lockedFor("someone-else", "192.0.2.10").isPresent());
    }

    static class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
