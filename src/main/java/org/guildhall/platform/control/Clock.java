package org.guildhall.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The portal's idea of "now" for everything that is scheduled: publish-at and expires-at of
 * announcements, and the moment a search is made from. Real time plus an offset that is zero
 * unless a test moved it. An offset rather than a frozen instant: time keeps flowing for
 * sessions, leases and tokens, so a test that jumps a day ahead sees a portal that behaves
 * exactly as it will a day from now, and nothing in the test has to sleep. The offset is
 * moved only through the test-only endpoint, which is switched off unless
 * {@code guildhall.test.clock=true} (see {@code announcements.boundary.TestClockResource}).
 */
@ApplicationScoped
public class Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public Instant now() {
        return Instant.now().plus(offset.get());
    }

    /** Moves the clock forward (or back) by this much, from where it is. */
    public Instant advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
        return now();
    }

    /** Back to real time. */
    public Instant reset() {
        offset.set(Duration.ZERO);
        return now();
    }

    public Duration offset() {
        return offset.get();
    }
}
