package org.guildhall.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time and resident memory of a process's descendants (forked extraction JVMs). They are
 * replaced during a run, so each is sampled while it lives and its last CPU figure kept.
 */
final class Descendants {

    private final ProcessHandle parent;
    private final Map<Long, Long> cpuNanos = new ConcurrentHashMap<>();
    private volatile long peakRss;

    Descendants(ProcessHandle parent) {
        this.parent = parent;
    }

    /** Looks at the living descendants once: their CPU so far, and their resident memory together. */
    void sample() {
        long rss = 0;
        for (ProcessHandle child : parent.descendants().toList()) {
            child.info().totalCpuDuration().ifPresent(cpu -> cpuNanos.merge(child.pid(), cpu.toNanos(), Math::max));
            rss += Guild.rss(child.pid());
        }
        if (rss > peakRss) {
            peakRss = rss;
        }
    }

    /** CPU seconds of every descendant seen, living or gone, after a fresh look. */
    double cpuSeconds() {
        sample();
        return cpuNanos.values().stream().mapToLong(Long::longValue).sum() / 1e9;
    }

    long peakRss() {
        return peakRss;
    }

    /** Samples every {@code millis} on a daemon thread until that thread is interrupted. */
    Thread sampleEvery(long millis) {
        return Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sample();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }
}
