package org.guildhall.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Runs a list of requests with a number of concurrent clients and collects their latencies. */
final class Runner {

    private Runner() {
    }

    /** Each item once, taken in order by whichever client is free; a false answer or an exception counts as an error. */
    static <T> Bench.Latencies run(String what, int concurrency, List<T> items, Predicate<T> call) throws Exception {
        long[] nanos = new long[items.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> clients = new java.util.ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            clients.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    boolean ok;
                    try {
                        ok = call.test(items.get(i));
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    nanos[i] = System.nanoTime() - t;
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Bench.Latencies l = new Bench.Latencies(what, concurrency, nanos, seconds, errors.get());
        System.out.printf(Locale.ROOT, "  %s, concurrency %d: %d requests in %.1f s, p50 %.1f ms, p99 %.1f ms, %d errors%n", what, concurrency,
                items.size(), seconds, l.percentileMillis(50), l.percentileMillis(99), errors.get());
        return l;
    }

    /** Clients repeating the call for a fixed time. */
    static Bench.Latencies forDuration(String what, int concurrency, double seconds, BooleanSupplier call) throws Exception {
        java.util.concurrent.ConcurrentLinkedQueue<Long> nanos = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Future<?>> clients = new java.util.ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    boolean ok;
                    try {
                        ok = call.getAsBoolean();
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    nanos.add(System.nanoTime() - t);
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        double took = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Bench.Latencies l = new Bench.Latencies(what, concurrency, nanos.stream().mapToLong(Long::longValue).toArray(), took, errors.get());
        System.out.printf(Locale.ROOT, "  %s, concurrency %d: %d requests in %.1f s, p50 %.1f ms, p99 %.1f ms, %d errors%n", what, concurrency,
                l.nanos().length, took, l.percentileMillis(50), l.percentileMillis(99), errors.get());
        return l;
    }
}
