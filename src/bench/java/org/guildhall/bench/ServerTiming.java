package org.guildhall.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Guildhall says a search cost it (the {@code Server-Timing} header of {@code GET /api/v1/search}):
 * finding the caller's groups, and the index search. Set beside the client's latency, it tells the
 * index's share from the rest of the server (HTTP, filters, authentication, JSON, queueing).
 */
final class ServerTiming {

    private static final Pattern PART = Pattern.compile("(\\w+);dur=([0-9.]+)");

    private final String what;
    private final int concurrency;
    private final Queue<Long> readers = new ConcurrentLinkedQueue<>();
    private final Queue<Long> search = new ConcurrentLinkedQueue<>();

    ServerTiming(String what, int concurrency) {
        this.what = what;
        this.concurrency = concurrency;
    }

    /** Notes the response's timings; true when it is a 200. */
    boolean record(HttpResponse<String> response) {
        Matcher part = PART.matcher(response.headers().firstValue("Server-Timing").orElse(""));
        while (part.find()) {
            long nanos = (long) (Double.parseDouble(part.group(2)) * 1e6);
            switch (part.group(1)) {
                case "readers" -> readers.add(nanos);
                case "search" -> search.add(nanos);
                default -> { }
            }
        }
        return response.statusCode() == 200;
    }

    private static Bench.Latencies latencies(String what, int concurrency, Queue<Long> values) {
        return new Bench.Latencies(what, concurrency, values.stream().mapToLong(Long::longValue).toArray(), 1, 0);
    }

    List<String> row() {
        Bench.Latencies r = latencies(what, concurrency, readers);
        Bench.Latencies s = latencies(what, concurrency, search);
        return List.of(what, String.valueOf(concurrency), String.valueOf(s.nanos().length), Bench.f(r.percentileMillis(50)),
                Bench.f(r.percentileMillis(99)), Bench.f(s.percentileMillis(50)), Bench.f(s.percentileMillis(95)), Bench.f(s.percentileMillis(99)));
    }

    static final List<String> HEADER = List.of("what", "conc.", "requests", "readers p50 ms", "readers p99 ms", "index search p50 ms",
            "index search p95 ms", "index search p99 ms");

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", what);
        m.put("concurrency", concurrency);
        Bench.Latencies r = latencies(what, concurrency, readers);
        Bench.Latencies s = latencies(what, concurrency, search);
        m.put("readersP50Millis", Bench.round(r.percentileMillis(50)));
        m.put("readersP99Millis", Bench.round(r.percentileMillis(99)));
        m.put("searchP50Millis", Bench.round(s.percentileMillis(50)));
        m.put("searchP95Millis", Bench.round(s.percentileMillis(95)));
        m.put("searchP99Millis", Bench.round(s.percentileMillis(99)));
        return m;
    }

    static List<Map<String, Object>> json(List<ServerTiming> timings) {
        List<Map<String, Object>> all = new ArrayList<>();
        timings.forEach(t -> all.add(t.json()));
        return all;
    }
}
