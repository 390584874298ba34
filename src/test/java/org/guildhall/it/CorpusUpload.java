package org.guildhall.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.guildhall.it.Portal.Upload;

/**
 * Issue 3's proof over the REST API: every file of the shared corpus uploaded to a freshly started
 * Guildhall (one file per request, two at a time), then followed until its extraction is in
 * a terminal state, while the server is checked every 5 s to stay healthy and answer pages. Prints
 * final states by extension, the file-by-file comparison with stock Tika 3.3.1
 * ({@code tika-3.3.1-baseline.tsv}), health-check failures and throughput; writes the same figures
 * as JSON. Run by {@code scripts/corpus-upload}.
 * <p>
 * Argument: the corpus folder. System properties: those of {@link PayaraProcess}, plus
 * {@code corpus.upload.data} (the server's data folder, must be fresh), {@code corpus.upload.report}
 * (the JSON file), {@code corpus.upload.deadline-minutes} (how long to wait for extraction, 20),
 * {@code corpus.upload.uploaders} (2: a second uploader, carol, sends the same files in the same
 * order into a group of her own at the same time, so every file arrives twice at once; section (f)
 * then checks both uploads of each file ended alike and the blob store holds each content once).
 * Exits 1 when a stored document never became terminal, an upload got an answer other than stored
 * or refused, a health check failed, or the two uploaders' results disagree; 2 when the run could
 * not be made at all.
 */
public class CorpusUpload {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final List<String> TERMINAL = List.of("DONE", "EMPTY", "ENCRYPTED", "FAILED", "TIMEOUT");
    static final List<String> COLUMNS = List.of("DONE", "EMPTY", "ENCRYPTED", "FAILED", "TIMEOUT", "REFUSED");
    static final Set<String> NOT_DOCUMENTS = Set.of("MANIFEST.tsv", "LICENSES.md", "tika-3.3.1-baseline.tsv");
    static final String GROUP = "cataloguing";
    static final String ONENOTE_FUZZ = "testOneNote-fuzz2.one";
    /** The second uploader's group when two upload at once ({@code corpus.upload.uploaders=2}). */
    static final String TWIN_GROUP = "corpus-twin";

    record Baseline(String status, long chars, String type) {
        boolean gotText() {
            return status.equals("OK") && chars > 0;
        }
    }

    /** What happened to one file. */
    static final class Row {
        final String path;
        final long size;
        /** The group it goes to: one per uploader. */
        final String group;
        volatile String sha256;
        volatile int http;
        volatile boolean stored;
        volatile String message;
        volatile long id = -1;
        volatile String state;
        volatile String reason;
        volatile String mediaType;
        volatile String error;
        volatile long uploadMillis;

        Row(String path, long size) {
            this(path, size, GROUP);
        }

        Row(String path, long size, String group) {
            this.path = path;
            this.size = size;
            this.group = group;
        }

        boolean terminal() {
            return state != null && TERMINAL.contains(state);
        }

        /** DONE … TIMEOUT, REFUSED, OPEN (stored, never terminal) or ERROR (no truthful answer to the upload). */
        String outcome() {
            if (stored) {
                return terminal() ? state : "OPEN";
            }
            return error == null ? "REFUSED" : "ERROR";
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", path);
            m.put("group", group);
            m.put("bytes", size);
            m.put("http", http);
            m.put("outcome", outcome());
            m.put("id", id < 0 ? null : id);
            m.put("mediaType", mediaType);
            m.put("reason", reason);
            m.put("message", message);
            m.put("error", error);
            m.put("uploadMillis", uploadMillis);
            return m;
        }
    }

    record HealthFailure(double atSeconds, String path, String what) {
    }

    /** Health probes every 5 s: /health/ready and a page, each must answer 200. */
    static final class Monitor {
        final Portal probe;
        final long start;
        final List<HealthFailure> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger checks = new AtomicInteger();
        final Map<String, Long> slowestMillis = new ConcurrentHashMap<>();

        Monitor(URI base, long start) {
            this.probe = new Portal(base);
            this.start = start;
        }

        void check() {
            for (String path : List.of("/health/ready", "/groups/index.xhtml")) {
                long t = System.nanoTime();
                String what;
                try {
                    int status = probe.get(path).statusCode();
                    what = status == 200 ? null : "HTTP " + status;
                } catch (RuntimeException e) {
                    what = e.toString();
                }
                long ms = (System.nanoTime() - t) / 1_000_000;
                checks.incrementAndGet();
                slowestMillis.merge(path, ms, Math::max);
                if (what != null) {
                    HealthFailure failure = new HealthFailure((System.nanoTime() - start) / 1e9, path, what);
                    failures.add(failure);
                    System.out.printf(Locale.ROOT, "!! health check failed at %.0f s: %s %s%n", failure.atSeconds(), path, what);
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    static int run(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus/documents").toAbsolutePath().normalize();
        Path data = Path.of(System.getProperty("corpus.upload.data", "target/corpus-upload-data")).toAbsolutePath();
        Path report = Path.of(System.getProperty("corpus.upload.report", "target/corpus-upload.json")).toAbsolutePath();
        Duration deadline = Duration.ofMinutes(Long.getLong("corpus.upload.deadline-minutes", 20));
        Map<String, Baseline> baseline = baseline(corpus.resolve("tika-3.3.1-baseline.tsv"));
        List<Row> rows = files(corpus);
        long totalBytes = rows.stream().mapToLong(r -> r.size).sum();
        System.out.printf(Locale.ROOT, "%d files (%.1f MiB) under %s%n", rows.size(), totalBytes / 1048576.0, corpus);
        if (allowedTypes().equals("*")) {
            System.out.println("The server accepts every type but programs (guildhall.upload.allowed-types=*), so the upload"
                    + " allow-list hides no file from the comparison with stock Tika.");
        } else {
            System.out.println("The server's upload allow-list: " + allowedTypes() + "; files it refuses count as REFUSED.");
        }
        System.out.println("Starting Payara Micro on a fresh data folder " + data + " (log: " + PayaraProcess.log(data) + ")");

        long bootStart = System.nanoTime();
        try (PayaraProcess server = PayaraProcess.start(data)) {
            Thread hook = new Thread(() -> server.process().destroy());
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                System.out.printf(Locale.ROOT, "Up at %s after %.0f s%n", server.base(), (System.nanoTime() - bootStart) / 1e9);
                return measure(server, corpus, rows, totalBytes, baseline, deadline, report);
            } finally {
                System.out.println("Stopping the server");
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    static int measure(PayaraProcess server, Path corpus, List<Row> rows, long totalBytes, Map<String, Baseline> baseline,
            Duration deadline, Path report) throws Exception {
        Portal admin = new Portal(server.base());
        int login = admin.login("admin", "guildhall-demo").statusCode();
        if (login != 302) {
            throw new IllegalStateException("Login as admin answered " + login + " (expected 302)");
        }
        String token = admin.issueApiToken("corpus upload");
        Api api = new Api(server.base(), token);
        Map<String, String> tokens = new HashMap<>(Map.of(GROUP, token));
        List<Row> twin = new ArrayList<>();
        if (Integer.getInteger("corpus.upload.uploaders", 1) == 2) {
            tokens.put(TWIN_GROUP, secondUploader(admin, token));
            rows.forEach(r -> twin.add(new Row(r.path, r.size, TWIN_GROUP)));
            System.out.println("Two uploaders at once over the same files in the same order: admin into " + GROUP
                    + ", carol into " + TWIN_GROUP + " (each file is uploaded twice, at about the same time)");
        }
        List<Row> all = new ArrayList<>(rows);
        all.addAll(twin);

        long start = System.nanoTime();
        Monitor monitor = new Monitor(server.base(), start);
        ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor();
        probes.scheduleWithFixedDelay(monitor::check, 0, 5, TimeUnit.SECONDS);

        // --- upload, one file per request, two at a time per uploader -------------------------
        AtomicInteger sent = new AtomicInteger();
        List<ExecutorService> uploaders = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (List<Row> stream : twin.isEmpty() ? List.of(rows) : List.of(rows, twin)) {
            ExecutorService uploader = Executors.newFixedThreadPool(2);
            uploaders.add(uploader);
            for (Row row : stream) {
                futures.add(uploader.submit(() -> {
                    upload(admin, tokens.get(row.group), corpus, row);
                    int n = sent.incrementAndGet();
                    if (n % 100 == 0) {
                        System.out.printf(Locale.ROOT, "... %d uploaded (%.0f s)%n", n, (System.nanoTime() - start) / 1e9);
                    }
                }));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        uploaders.forEach(ExecutorService::shutdown);
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        long stored = all.stream().filter(r -> r.stored).count();
        System.out.printf(Locale.ROOT, "Uploaded %d files in %.1f s: %d stored, %d refused, %d without a truthful answer%n",
                all.size(), uploadSeconds, stored, all.stream().filter(r -> r.outcome().equals("REFUSED")).count(),
                all.stream().filter(r -> r.outcome().equals("ERROR")).count());

        // --- wait for extraction ------------------------------------------------------------
        long waitUntil = System.nanoTime() + deadline.toNanos();
        long lastReport = 0;
        List<String> pollErrors = new ArrayList<>();
        while (true) {
            List<Row> open = all.stream().filter(r -> r.stored && !r.terminal()).toList();
            for (Row row : open) {
                try {
                    HttpResponse<String> response = api.get("/documents/" + row.id);
                    if (response.statusCode() != 200) {
                        pollErrors.add(row.path + ": HTTP " + response.statusCode() + " " + clip(response.body(), 200));
                        continue;
                    }
                    JsonNode current = JSON.readTree(response.body()).path("current");
                    row.state = current.path("state").asText(null);
                    row.reason = current.path("reason").asText(null);
                    row.mediaType = current.path("mediaType").asText(null);
                    row.sha256 = current.path("sha256").asText(row.sha256);
                } catch (RuntimeException | IOException e) {
                    pollErrors.add(row.path + ": " + e);
                }
            }
            long stillOpen = all.stream().filter(r -> r.stored && !r.terminal()).count();
            if (stillOpen == 0 || System.nanoTime() > waitUntil) {
                break;
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(30)) {
                lastReport = System.nanoTime();
                Map<String, Long> states = new TreeMap<>();
                all.stream().filter(r -> r.stored && !r.terminal()).forEach(r -> states.merge(String.valueOf(r.state), 1L, Long::sum));
                System.out.printf(Locale.ROOT, "... %d still extracting %s (%.0f s)%n", stillOpen, states, (System.nanoTime() - start) / 1e9);
            }
            Thread.sleep(2000);
        }
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        monitor.check();
        probes.shutdownNow();
        probes.awaitTermination(70, TimeUnit.SECONDS);

        // --- (a) final states by extension --------------------------------------------------
        Map<String, Map<String, Integer>> byExtension = new TreeMap<>();
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (Row row : rows) {
            byExtension.computeIfAbsent(extension(row.path), e -> new HashMap<>()).merge(row.outcome(), 1, Integer::sum);
            totals.merge(row.outcome(), 1, Integer::sum);
        }
        List<String> columns = new ArrayList<>(COLUMNS);
        for (String extra : List.of("OPEN", "ERROR")) {
            if (totals.containsKey(extra)) {
                columns.add(extra);
            }
        }
        System.out.printf(Locale.ROOT, "%n(a) Final states by extension (REFUSED: not accepted by the upload; OPEN: never terminal;"
                + " ERROR: no stored/refused answer)%n");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-12s", "extension"));
        columns.forEach(c -> header.append(String.format(Locale.ROOT, " %9s", c)));
        header.append(String.format(Locale.ROOT, " %6s", "total"));
        System.out.println(header);
        byExtension.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Map<String, Integer>> e) -> -sum(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> System.out.println(line(e.getKey(), e.getValue(), columns)));
        System.out.println(line("TOTAL", totals, columns));

        // --- (b) the OneNote file that made stock Tika run out of 6 GB ----------------------
        System.out.printf(Locale.ROOT, "%n(b) %s:%n", ONENOTE_FUZZ);
        List<Map<String, Object>> oneNote = new ArrayList<>();
        rows.stream().filter(r -> r.path.endsWith("/" + ONENOTE_FUZZ)).forEach(r -> {
            System.out.printf(Locale.ROOT, "  %s: HTTP %d, %s%s (stock Tika: %s)%n", r.path, r.http, r.outcome(),
                    r.reason == null ? (r.message == null || r.stored ? "" : ": " + r.message) : ": " + r.reason,
                    baseline.containsKey(r.path) ? baseline.get(r.path).status() : "not in the baseline");
            oneNote.add(r.json());
        });

        // --- (c) file by file against stock Tika --------------------------------------------
        List<Row> lost = rows.stream().filter(r -> baseline.containsKey(r.path) && baseline.get(r.path).gotText()
                && !r.outcome().equals("DONE")).toList();
        System.out.printf(Locale.ROOT, "%n(c) Stock Tika got text (OK, text_chars > 0), Guildhall did not end DONE: %d%n", lost.size());
        List<Map<String, Object>> lostJson = new ArrayList<>();
        int guildhallBlank = 0;
        int tikaBlank = 0;
        // stock Tika parses in this JVM only for stored files, and only when they are few; its parsers log a lot
        boolean recheck = lost.stream().filter(r -> r.id >= 0).count() <= 200;
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
        for (Row r : lost) {
            Baseline b = baseline.get(r.path);
            Map<String, Object> m = r.json();
            m.put("tikaChars", b.chars());
            m.put("tikaType", b.type());
            lostJson.add(m);
            if (r.id < 0) {
                continue;
            }
            String ours = guildhallText(api, r.id);
            String stock = recheck ? stockTikaText(corpus.resolve(r.path)) : "not checked";
            if (ours.startsWith("whitespace only: yes")) {
                guildhallBlank++;
            }
            if (stock.equals("whitespace only")) {
                tikaBlank++;
            }
            System.out.printf(Locale.ROOT, "  %s%n      Tika: %d chars, %s (stock Tika again, in-process now: %s)%n"
                            + "      Guildhall: %s%s, %s; its text: %s%n",
                    r.path, b.chars(), b.type(), stock, r.outcome(), r.reason == null ? "" : " (" + r.reason + ")", r.mediaType, ours);
            m.put("tikaTextNow", stock);
            m.put("guildhallText", ours);
        }
        long unanswered = lost.stream().filter(r -> r.id < 0).count();
        if (unanswered > 0) {
            System.out.printf(Locale.ROOT, "  ... and %d of them were not stored: %d refused (by the type of the bytes), %d without a truthful"
                            + " answer to the upload (listed under (d))%n", unanswered,
                    lost.stream().filter(r -> r.outcome().equals("REFUSED")).count(), lost.stream().filter(r -> r.outcome().equals("ERROR")).count());
            lost.stream().filter(r -> r.outcome().equals("REFUSED"))
                    .forEach(r -> System.out.printf(Locale.ROOT, "  refused: %s (Tika: %d chars, %s): %s%n", r.path,
                            baseline.get(r.path).chars(), baseline.get(r.path).type(), r.message));
        }
        System.out.printf(Locale.ROOT, "  ... of these, Guildhall's stored text is empty or whitespace only: %d; stock Tika's text is whitespace only: %d%n",
                guildhallBlank, tikaBlank);
        List<Row> gained = rows.stream().filter(r -> baseline.containsKey(r.path) && !baseline.get(r.path).gotText()
                && r.outcome().equals("DONE")).toList();
        System.out.printf(Locale.ROOT, "Guildhall ended DONE where stock Tika got no text: %d%n", gained.size());
        Map<String, Long> gainedByTika = new TreeMap<>();
        gained.forEach(r -> gainedByTika.merge(baseline.get(r.path).status() + (baseline.get(r.path).chars() == 0 ? " (0 chars)" : ""), 1L, Long::sum));
        if (!gained.isEmpty()) {
            System.out.println("  stock Tika's status for these: " + gainedByTika);
        }
        List<String> notInBaseline = rows.stream().filter(r -> !baseline.containsKey(r.path)).map(r -> r.path).toList();
        notInBaseline.forEach(p -> System.out.println("  not in the baseline: " + p));

        // --- (d) health, open documents, answers that were neither stored nor refused --------
        System.out.printf(Locale.ROOT, "%n(d) Health checks: %d probes of /health/ready and /groups/index.xhtml, %d failed; slowest answers %s ms%n",
                monitor.checks.get(), monitor.failures.size(), new TreeMap<>(monitor.slowestMillis));
        monitor.failures.forEach(f -> System.out.printf(Locale.ROOT, "  at %.0f s: %s %s%n", f.atSeconds(), f.path(), f.what()));
        List<Row> open = all.stream().filter(r -> r.outcome().equals("OPEN")).toList();
        if (!open.isEmpty()) {
            System.out.printf(Locale.ROOT, "Still not terminal after %d min: %d%n", deadline.toMinutes(), open.size());
            open.forEach(r -> System.out.printf(Locale.ROOT, "  %s (document %d, %s)%n", r.path, r.id, r.state));
        }
        List<Row> errors = all.stream().filter(r -> r.outcome().equals("ERROR")).toList();
        if (!errors.isEmpty()) {
            System.out.printf(Locale.ROOT, "Uploads answered neither stored nor refused: %d (the server's log: %s)%n", errors.size(),
                    PayaraProcess.log(server.data()));
            Map<String, Long> kinds = new TreeMap<>();
            errors.forEach(r -> kinds.merge("HTTP " + r.http + " " + r.error, 1L, Long::sum));
            kinds.forEach((kind, n) -> System.out.printf(Locale.ROOT, "  %d x %s%n", n, kind));
            errors.stream().limit(50).forEach(r -> System.out.printf(Locale.ROOT, "  %s: HTTP %d%n", r.path, r.http));
            if (errors.size() > 50) {
                System.out.printf(Locale.ROOT, "  ... and %d more (all in %s)%n", errors.size() - 50, report.getFileName());
            }
        }
        if (!pollErrors.isEmpty()) {
            System.out.printf(Locale.ROOT, "Errors while polling documents: %d (first: %s)%n", pollErrors.size(), pollErrors.get(0));
        }

        // --- (e) throughput ----------------------------------------------------------------
        double mib = totalBytes / 1048576.0;
        System.out.printf(Locale.ROOT, "%n(e) %d files, %.1f MiB: uploads took %.1f s (%.1f files/s, %.2f MiB/s);"
                        + " upload and extraction until %s %.1f s (%.1f files/s, %.2f MiB/s)%n",
                all.size(), mib * all.size() / rows.size(), uploadSeconds, all.size() / uploadSeconds, mib * all.size() / rows.size() / uploadSeconds,
                open.isEmpty() ? "every stored document was terminal" : "the deadline", totalSeconds,
                all.size() / totalSeconds, mib * all.size() / rows.size() / totalSeconds);

        Map<String, Object> twoUploaders = new LinkedHashMap<>();
        List<String> inconsistent = twin.isEmpty() ? List.of() : compareUploaders(server.data(), corpus, rows, twin, twoUploaders);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("corpus", corpus.toString());
        out.put("allowedTypes", allowedTypes());
        out.put("files", rows.size());
        out.put("bytes", totalBytes);
        out.put("totals", totals);
        out.put("byExtension", byExtension);
        out.put("oneNoteFuzz2", oneNote);
        out.put("tikaTextGuildhallNotDone", lostJson);
        out.put("tikaTextGuildhallNotDoneCount", lost.size());
        out.put("guildhallDoneTikaNoTextCount", gained.size());
        out.put("guildhallDoneTikaNoText", gained.stream().map(r -> r.path + " (Tika: " + baseline.get(r.path).status() + ")").toList());
        out.put("notInBaseline", notInBaseline);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("probes", monitor.checks.get());
        health.put("failures", monitor.failures);
        health.put("slowestMillis", monitor.slowestMillis);
        out.put("health", health);
        out.put("open", open.stream().map(Row::json).toList());
        out.put("uploadErrors", errors.stream().map(Row::json).toList());
        out.put("pollErrors", pollErrors);
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("uploadSeconds", round(uploadSeconds));
        timing.put("totalSeconds", round(totalSeconds));
        timing.put("filesPerSecond", round(all.size() / totalSeconds));
        timing.put("mibPerSecond", round(mib * all.size() / rows.size() / totalSeconds));
        timing.put("uploadFilesPerSecond", round(all.size() / uploadSeconds));
        timing.put("uploadMibPerSecond", round(mib * all.size() / rows.size() / uploadSeconds));
        out.put("timing", timing);
        out.put("documents", rows.stream().map(Row::json).toList());
        if (!twin.isEmpty()) {
            out.put("twoUploaders", twoUploaders);
            out.put("twinDocuments", twin.stream().map(Row::json).toList());
        }
        Files.createDirectories(report.getParent());
        JSON.writeValue(report.toFile(), out);
        System.out.println("\nFigures as JSON: " + report);

        boolean failed = !open.isEmpty() || !errors.isEmpty() || !monitor.failures.isEmpty() || !inconsistent.isEmpty();
        if (failed) {
            System.out.println("FAILED: " + (open.isEmpty() ? "" : open.size() + " document(s) never terminal; ")
                    + (errors.isEmpty() ? "" : errors.size() + " upload(s) without a truthful answer; ")
                    + (monitor.failures.isEmpty() ? "" : monitor.failures.size() + " health check failure(s); ")
                    + (inconsistent.isEmpty() ? "" : inconsistent.size() + " inconsistency(ies) between the two uploaders or in the blob store"));
        }
        return failed ? 1 : 0;
    }

    /**
     * The second uploader: carol, on the committee of a group of her own that the admin makes,
     * with her own API token.
     */
    static String secondUploader(Portal admin, String adminToken) {
        HttpResponse<String> group = admin.api("POST", "/groups", adminToken, "{\"slug\":\"" + TWIN_GROUP
                + "\",\"name\":\"Corpus twin\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"INVITE\"}");
        HttpResponse<String> member = admin.api("POST", "/groups/" + TWIN_GROUP + "/members", adminToken,
                "{\"username\":\"carol\",\"role\":\"COMMITTEE\"}");
        if (group.statusCode() != 201 || member.statusCode() / 100 != 2) {
            throw new IllegalStateException("Could not make the second uploader's group: " + group.body() + " " + member.body());
        }
        Portal carol = new Portal(admin.base());
        if (carol.login("carol", "guildhall-demo").statusCode() != 302) {
            throw new IllegalStateException("carol could not log in");
        }
        return carol.issueApiToken("corpus upload");
    }

    /**
     * (f) Two uploaders: each file's two uploads end alike (stored or refused, and the same state),
     * both documents name the file's own SHA-256, its blob is there once with the file's size, and
     * the blob store holds exactly the blobs the database's versions name, with no staged file left.
     * Answers what is inconsistent; prints the figures and puts them in {@code json}.
     */
    static List<String> compareUploaders(Path data, Path corpus, List<Row> first, List<Row> second, Map<String, Object> json) throws Exception {
        List<String> inconsistent = new ArrayList<>();
        List<String> stateDiffers = new ArrayList<>();
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        Set<String> ours = new java.util.HashSet<>();
        for (int i = 0; i < first.size(); i++) {
            Row a = first.get(i);
            Row b = second.get(i);
            if (a.stored != b.stored) {
                inconsistent.add(a.path + ": " + a.outcome() + " for one uploader, " + b.outcome() + " for the other");
                continue;
            }
            if (!a.stored) {
                continue;
            }
            if (!java.util.Objects.equals(a.state, b.state)) {
                stateDiffers.add(a.path + ": " + a.state + " / " + b.state);
            }
            String expected = java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(corpus.resolve(a.path))));
            if (!expected.equals(a.sha256) || !expected.equals(b.sha256)) {
                inconsistent.add(a.path + ": SHA-256 " + expected + ", documents " + a.id + " and " + b.id + " name " + a.sha256 + " and " + b.sha256);
                continue;
            }
            ours.add(expected);
            Path blob = data.resolve("blobs").resolve(expected.substring(0, 2)).resolve(expected.substring(2, 4)).resolve(expected);
            if (!Files.isRegularFile(blob) || Files.size(blob) != a.size) {
                inconsistent.add(a.path + ": blob " + blob + (Files.isRegularFile(blob) ? " has " + Files.size(blob) + " bytes, not " + a.size : " missing"));
            }
        }
        Set<String> blobs;
        try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
            blobs = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
        long blobFiles;
        try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
            blobFiles = files.filter(Files::isRegularFile).count();
        }
        Set<String> named = new java.util.HashSet<>();
        try (var connection = TestDatabase.connect(data);
             var statement = connection.prepareStatement("select distinct blob_sha256 from gh_document_version");
             var rs = statement.executeQuery()) {
            while (rs.next()) {
                named.add(rs.getString(1));
            }
        }
        if (blobFiles != blobs.size() || !blobs.equals(named)) {
            Set<String> orphans = new java.util.TreeSet<>(blobs);
            orphans.removeAll(named);
            Set<String> missing = new java.util.TreeSet<>(named);
            missing.removeAll(blobs);
            inconsistent.add("blob store: " + blobFiles + " files for " + blobs.size() + " names; " + orphans.size()
                    + " blob(s) no version names " + orphans + ", " + missing.size() + " named but missing " + missing);
        }
        long staged;
        try (Stream<Path> files = Files.exists(data.resolve("tmp/uploads")) ? Files.list(data.resolve("tmp/uploads")) : Stream.empty()) {
            staged = files.count();
        }
        if (staged > 0) {
            inconsistent.add(staged + " staged upload file(s) left in " + data.resolve("tmp/uploads"));
        }
        Map<String, Integer> firstTotals = new TreeMap<>();
        Map<String, Integer> secondTotals = new TreeMap<>();
        first.forEach(r -> firstTotals.merge(r.outcome(), 1, Integer::sum));
        second.forEach(r -> secondTotals.merge(r.outcome(), 1, Integer::sum));
        long pairs = first.stream().filter(r -> r.stored).count();
        System.out.printf(Locale.ROOT, "%n(f) Two uploaders at once: %s %s; %s %s%n", GROUP, firstTotals, TWIN_GROUP, secondTotals);
        System.out.printf(Locale.ROOT, "  files stored by both: %d, distinct contents among them: %d; blob store: %d files, the database's versions name %d"
                + " (demo documents included); staged files left: %d%n", pairs, ours.size(), blobFiles, named.size(), staged);
        System.out.printf(Locale.ROOT, "  the two documents of a file ended in different states: %d%s%n", stateDiffers.size(),
                stateDiffers.isEmpty() ? "" : " (" + String.join("; ", stateDiffers.subList(0, Math.min(10, stateDiffers.size()))) + ")");
        System.out.printf(Locale.ROOT, "  inconsistencies (stored/refused differ, wrong or different SHA-256, blob missing or extra): %d%n", inconsistent.size());
        inconsistent.stream().limit(20).forEach(p -> System.out.println("  " + p));
        json.put("totals", Map.of(GROUP, firstTotals, TWIN_GROUP, secondTotals));
        json.put("filesStoredByBoth", pairs);
        json.put("distinctContents", ours.size());
        json.put("blobFiles", blobFiles);
        json.put("blobsNamedByVersions", named.size());
        json.put("stagedFilesLeft", staged);
        json.put("stateDiffers", stateDiffers);
        json.put("inconsistent", inconsistent);
        return inconsistent;
    }

    /** guildhall.upload.allowed-types as the server is started with it. */
    static String allowedTypes() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-Dguildhall\\.upload\\.allowed-types=(\\S+)")
                .matcher(System.getProperty("it.payara.options", ""));
        return m.find() ? m.group(1) : "the default list";
    }

    static void upload(Portal portal, String token, Path corpus, Row row) {
        long t = System.nanoTime();
        try {
            HttpResponse<String> response = portal.multipart("/groups/" + row.group + "/documents", token, Map.of(),
                    List.of(Upload.of(corpus.resolve(row.path))));
            row.http = response.statusCode();
            JsonNode body = parse(response.body());
            JsonNode result = body != null && body.isArray() && body.size() == 1 ? body.get(0) : null;
            if (result == null || (row.http != 201 && row.http != 400)) {
                row.error = "unexpected answer: " + clip(response.body(), 300);
                return;
            }
            row.stored = result.path("stored").asBoolean();
            row.message = result.path("message").asText(null);
            if (row.stored) {
                JsonNode document = result.path("document");
                row.id = document.path("id").asLong(-1);
                row.state = document.path("current").path("state").asText(null);
                row.mediaType = document.path("current").path("mediaType").asText(null);
                row.sha256 = document.path("current").path("sha256").asText(null);
                if (row.id < 0) {
                    row.stored = false;
                    row.error = "stored without a document id: " + clip(response.body(), 300);
                }
            }
        } catch (RuntimeException e) {
            row.error = e.toString();
        } finally {
            row.uploadMillis = (System.nanoTime() - t) / 1_000_000;
        }
    }

    /**
     * Whether the text Guildhall stored for the document is whitespace only. The server stores no
     * blank part, so an empty or whitespace-only extraction shows as no parts at all.
     */
    static String guildhallText(Api api, long id) {
        try {
            HttpResponse<String> response = api.get("/documents/" + id + "/text");
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode();
            }
            JsonNode parts = JSON.readTree(response.body()).path("parts");
            long chars = 0;
            boolean blank = true;
            for (JsonNode part : parts) {
                String text = part.path("text").asText("");
                chars += text.length();
                blank &= text.isBlank();
            }
            if (parts.isEmpty()) {
                return "whitespace only: yes (no text stored)";
            }
            return blank ? "whitespace only: yes (" + chars + " blank chars)" : "whitespace only: no (" + chars + " chars in " + parts.size() + " part(s))";
        } catch (IOException | RuntimeException e) {
            return "could not be read: " + e;
        }
    }

    /**
     * Stock Tika in this JVM, as the baseline was measured, for the few files where the outcomes
     * differ: the baseline counts white space too, so this tells a real loss from none.
     */
    static String stockTikaText(Path file) {
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stock-tika");
            t.setDaemon(true);
            return t;
        });
        try {
            String text = one.submit(() -> {
                BodyContentHandler handler = new BodyContentHandler(-1);
                Metadata metadata = new Metadata();
                try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
                    new AutoDetectParser().parse(in, handler, metadata, new ParseContext());
                } catch (Exception | OutOfMemoryError e) {
                    // what came out before the error is what the baseline counted
                }
                return handler.toString();
            }).get(60, TimeUnit.SECONDS);
            return text.isBlank() ? "whitespace only" : text.strip().length() + " chars not blank";
        } catch (TimeoutException e) {
            return "no answer within 60 s";
        } catch (Exception e) {
            return "failed: " + e;
        } finally {
            one.shutdownNow();
        }
    }

    /** GETs on the API with the token, on one shared client (the poll makes thousands). */
    record Api(URI base, String token, HttpClient http) {
        Api(URI base, String token) {
            this(base, token, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build());
        }

        HttpResponse<String> get(String path) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1" + path)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json").header("Authorization", "Bearer " + token).GET().build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static Map<String, Baseline> baseline(Path tsv) throws IOException {
        Map<String, Baseline> baseline = new HashMap<>();
        List<String> lines = Files.readAllLines(tsv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            baseline.put(f[0], new Baseline(f[1], Long.parseLong(f[2]), f.length > 3 ? f[3] : ""));
        }
        return baseline;
    }

    /** Every document: all files but the corpus's own description at its top level. */
    static List<Row> files(Path corpus) throws IOException {
        try (Stream<Path> paths = Files.walk(corpus)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> !(p.getParent().equals(corpus) && NOT_DOCUMENTS.contains(p.getFileName().toString())))
                    .sorted()
                    .map(p -> {
                        try {
                            return new Row(corpus.relativize(p).toString(), Files.size(p));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
    }

    static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "(none)" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String line(String label, Map<String, Integer> counts, List<String> columns) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s", label));
        columns.forEach(c -> line.append(String.format(Locale.ROOT, " %9d", counts.getOrDefault(c, 0))));
        line.append(String.format(Locale.ROOT, " %6d", sum(counts)));
        return line.toString();
    }

    static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
