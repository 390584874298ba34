package org.guildhall.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Locks an account, or an address, for a while after too many failed logins in a row. The
 * address limit is higher because many members may share one (a library's network).
 * Kept in memory: a restart forgives, and on several nodes each node counts on its own.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    @ConfigProperty(name = "guildhall.login.max-failures", defaultValue = "5")
    int maxFailuresPerAccount;

    @Inject
    @ConfigProperty(name = "guildhall.login.max-failures-per-address", defaultValue = "50")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "guildhall.login.lock-minutes", defaultValue = "15")
    int lockMinutes;

    Clock clock = Clock.systemUTC();

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle() {
    }

    LoginThrottle(int maxFailuresPerAccount, int maxFailuresPerAddress, int lockMinutes, Clock clock) {
        this.maxFailuresPerAccount = maxFailuresPerAccount;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
        this.lockMinutes = lockMinutes;
        this.clock = clock;
    }

    /** How long the caller must wait before trying again, if they must. */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> account = lockedFor(accountKey(username), maxFailuresPerAccount, now);
        return account.isPresent() ? account : lockedFor(addressKey(address), maxFailuresPerAddress, now);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        record(accountKey(username), now);
        record(addressKey(address), now);
    }

    public void succeeded(String username) {
        failures.remove(accountKey(username));
    }

    private Optional<Duration> lockedFor(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            forgetOld(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            Duration left = Duration.between(now, times.peekLast().plus(window()));
            return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            forgetOld(times, now);
            times.addLast(now);
        }
    }

    private void forgetOld(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && times.peekFirst().plus(window()).isBefore(now)) {
            times.removeFirst();
        }
    }

    private Duration window() {
        return Duration.ofMinutes(lockMinutes);
    }

    private static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.trim().toLowerCase());
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
