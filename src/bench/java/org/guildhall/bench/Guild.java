package org.guildhall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.guildhall.it.PayaraProcess;
import org.guildhall.it.Portal;

/**
 * Guildhall as the benchmarks drive it: started as scripts/run starts it (through the integration
 * tests' {@link PayaraProcess}), the benchmark's groups, member and tokens made through the REST
 * API and the account page, uploads one file per request (or several of a group together), and a plain HTTP client for searches.
 */
final class Guild implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "guildhall-demo";
    static final String MEMBER = "benchmember";
    static final String MEMBER_PASSWORD = "bench-member-password-1";
    /** The member belongs to these 5 of the 20 groups. */
    static final List<String> MEMBER_GROUPS = List.of(Corpus.group(0), Corpus.group(3), Corpus.group(7), Corpus.group(11), Corpus.group(15));

    final PayaraProcess server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    String adminToken;
    volatile long peakServerRss;
    /** The forked extraction JVMs. */
    final Descendants extractors;
    private final Thread sampler;

    private Guild(PayaraProcess server) {
        this.server = server;
        this.extractors = new Descendants(server.process().toHandle());
        this.sampler = Thread.ofPlatform().daemon().start(this::sampleMemory);
    }

    /**
     * The server merges its index after one quiet minute instead of ten, so that preparing a
     * data folder does not wait nine minutes more for it; nothing else changes.
     */
    private static final String QUIET_MERGE = "-Dguildhall.search.compact-after-quiet-minutes=1";

    static Guild start(Path data) throws IOException, InterruptedException {
        long t = System.nanoTime();
        Files.createDirectories(data.getParent());
        // BENCH_JFR=1 (system property bench.jfr) records the server with JDK Flight Recorder next to its log
        PayaraProcess server = Boolean.getBoolean("bench.jfr")
                // whole stacks: at the default depth (64) a request's outer frames are cut off
                ? PayaraProcess.start(data, QUIET_MERGE, "-XX:FlightRecorderOptions=stackdepth=256",
                        "-XX:StartFlightRecording=filename=" + data.resolveSibling(data.getFileName() + ".jfr") + ",settings=profile")
                : PayaraProcess.start(data, QUIET_MERGE);
        System.out.printf(Locale.ROOT, "Guildhall up at %s after %.0f s (data %s)%n", server.base(), (System.nanoTime() - t) / 1e9, data);
        Guild guild = new Guild(server);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.process().destroy()));
        return guild;
    }

    URI base() {
        return server.base();
    }

    /** Resident memory of the server process and, separately, of its children (the forked extractors), sampled every 0.5 s. */
    private void sampleMemory() {
        while (server.process().isAlive()) {
            peakServerRss = Math.max(peakServerRss, rss(server.process().pid()));
            extractors.sample();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * CPU seconds used so far by the server JVM (and, of those, by its JIT compiler and garbage
     * collector threads) and, summed, by every extraction process it forked.
     */
    record Cpu(double server, JvmThreads serverThreads, double extractors) {
        Cpu minus(Cpu before) {
            return new Cpu(server - before.server, serverThreads.minus(before.serverThreads), extractors - before.extractors);
        }
    }

    Cpu cpu() {
        ProcessHandle handle = server.process().toHandle();
        return new Cpu(Bench.cpuSeconds(handle), JvmThreads.of(handle), extractors.cpuSeconds());
    }

    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /** The peak resident set of the server JVM since start, from the kernel. */
    long serverHighWaterMark() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(server.process().pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return peakServerRss;
    }

    String adminToken() {
        if (adminToken == null) {
            adminToken = token(ADMIN, ADMIN_PASSWORD, "bench admin");
        }
        return adminToken;
    }

    String token(String user, String password, String name) {
        Portal portal = new Portal(base());
        int status = portal.login(user, password).statusCode();
        if (status != 302) {
            throw new IllegalStateException("Login as " + user + " answered " + status);
        }
        return portal.issueApiToken(name);
    }

    /** A logged-in browser session of this account. */
    Portal session(String user, String password) {
        Portal portal = new Portal(base());
        int status = portal.login(user, password).statusCode();
        if (status != 302) {
            throw new IllegalStateException("Login as " + user + " answered " + status);
        }
        return portal;
    }

    /** The 20 members-only groups, the member account, and its 5 memberships; idempotent enough for a fresh data folder. */
    void setUp() {
        Portal api = new Portal(base());
        for (int i = 0; i < Corpus.GROUPS; i++) {
            String slug = Corpus.group(i);
            String json = String.format(Locale.ROOT, "{\"slug\":\"%s\",\"name\":\"Interest group %02d\",\"description\":\"Benchmark group %02d\","
                    + "\"visibility\":\"MEMBERS\",\"joinPolicy\":\"REQUEST\"}", slug, i + 1, i + 1);
            int status = api.api("POST", "/groups", adminToken(), json).statusCode();
            if (status != 201 && status != 409 && status != 400) {
                throw new IllegalStateException("Creating group " + slug + " answered " + status);
            }
        }
        new Portal(base()).signUp(MEMBER, MEMBER_PASSWORD);
        for (String slug : MEMBER_GROUPS) {
            api.api("POST", "/groups/" + slug + "/members", adminToken(), "{\"username\":\"" + MEMBER + "\",\"role\":\"MEMBER\"}");
        }
    }

    /** Uploads one file to its group with title and tags; true when stored. */
    boolean upload(Path file, Corpus.Doc doc, String titleSuffix) {
        Portal api = new Portal(base());
        HttpResponse<String> response = api.multipart("/groups/" + doc.group() + "/documents", adminToken(),
                Map.of("title", doc.title() + titleSuffix, "tags", String.join(",", doc.tags())), List.of(Portal.Upload.of(file)));
        return response.statusCode() == 201;
    }

    /**
     * Uploads several files of one group in one request, named by their files, without titles
     * or tags (the API gives a request's title to a single file only); answers how many were stored.
     */
    int uploadTogether(Path files, List<Corpus.Doc> batch) {
        List<Portal.Upload> uploads = batch.stream().map(d -> Portal.Upload.of(files.resolve(d.file()))).toList();
        HttpResponse<String> response = new Portal(base()).multipart("/groups/" + batch.getFirst().group() + "/documents", adminToken(),
                Map.of(), uploads);
        if (response.statusCode() != 201 && response.statusCode() != 400) {
            return 0;
        }
        try {
            int stored = 0;
            for (var result : Bench.JSON.readTree(response.body())) {
                stored += result.path("stored").asBoolean() ? 1 : 0;
            }
            return stored;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Uploads the files with a few concurrent clients, one file per request; answers how many were stored. */
    int uploadAll(Path files, List<Corpus.Doc> docs, int clients, AtomicLong bytesSent) throws Exception {
        return uploadAll(files, docs, clients, 1, bytesSent);
    }

    /**
     * Uploads the files with a few concurrent clients; answers how many were stored. With more
     * than one file per request, a group's files go together in the order given, untitled (see
     * {@link #uploadTogether}).
     */
    int uploadAll(Path files, List<Corpus.Doc> docs, int clients, int perRequest, AtomicLong bytesSent) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        long start = System.nanoTime();
        List<List<Corpus.Doc>> requests = new ArrayList<>();
        if (perRequest <= 1) {
            docs.forEach(d -> requests.add(List.of(d)));
        } else {
            Map<String, List<Corpus.Doc>> open = new java.util.LinkedHashMap<>();
            for (Corpus.Doc doc : docs) {
                List<Corpus.Doc> batch = open.computeIfAbsent(doc.group(), g -> new ArrayList<>());
                batch.add(doc);
                if (batch.size() == perRequest) {
                    requests.add(List.copyOf(batch));
                    batch.clear();
                }
            }
            open.values().stream().filter(b -> !b.isEmpty()).forEach(b -> requests.add(List.copyOf(b)));
        }
        List<Future<?>> futures = new ArrayList<>();
        for (List<Corpus.Doc> request : requests) {
            futures.add(pool.submit(() -> {
                int ok = request.size() == 1 ? (upload(files.resolve(request.getFirst().file()), request.getFirst(), "") ? 1 : 0)
                        : uploadTogether(files, request);
                stored.addAndGet(ok);
                for (Corpus.Doc doc : request) {
                    try {
                        bytesSent.addAndGet(Files.size(files.resolve(doc.file())));
                    } catch (IOException e) {
                        // counted as 0
                    }
                }
                int before = sent.getAndAdd(request.size());
                if ((before + request.size()) / 500 > before / 500) {
                    System.out.printf(Locale.ROOT, "... %d uploaded (%.0f s)%n", before + request.size(), (System.nanoTime() - start) / 1e9);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return stored.get();
    }

    /** How many documents of the benchmark's groups searches find now (as admin, empty query narrowed to the 20 groups). */
    long searchable() {
        StringBuilder path = new StringBuilder("/search?q=&size=1");
        for (int i = 0; i < Corpus.GROUPS; i++) {
            path.append("&group=").append(Corpus.group(i));
        }
        try {
            HttpResponse<String> r = get(path.toString(), adminToken());
            return r.statusCode() == 200 ? Bench.JSON.readTree(r.body()).path("total").asLong() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Extraction jobs not finished yet (all groups), from the admin server-load figures; -1 when
     * the server does not answer. A document's text is searchable once its job is finished: the
     * index is written and refreshed after the job's transaction commits.
     */
    long extractionsUnfinished() {
        try {
            HttpResponse<String> r = get("/admin/server-load", adminToken());
            return r.statusCode() == 200 ? Bench.JSON.readTree(r.body()).path("extractionsUnfinished").asLong(-1) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Waits until the server has merged its index as it does once uploads stop (see
     * {@code IndexLayout}): searches are measured on the index a quiet portal has, not on the
     * segments a burst of uploads left. Gives up after {@code limit}, saying so.
     *
     * @return the index's layout as the server last reported it
     */
    org.guildhall.search.control.IndexLayout awaitMerged(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long lastReport = start;
        org.guildhall.search.control.IndexLayout layout = null;
        while (System.nanoTime() - start < limit.toNanos()) {
            try {
                HttpResponse<String> r = get("/admin/search", adminToken());
                com.fasterxml.jackson.databind.JsonNode status = Bench.JSON.readTree(r.body());
                com.fasterxml.jackson.databind.JsonNode l = status.path("layout");
                if (r.statusCode() == 200 && l.isObject()) {
                    layout = new org.guildhall.search.control.IndexLayout(l.path("segments").asInt(), l.path("documents").asInt(),
                            l.path("deleted").asInt(), l.path("bytes").asLong());
                    if (!status.path("compacting").asBoolean() && !layout.worthCompacting()) {
                        System.out.printf(Locale.ROOT, "Index merged: %s (%s)%n", layout, status.path("lastCompaction").asText("no merge needed"));
                        return layout;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not answering yet
            }
            if (System.nanoTime() - lastReport > Duration.ofMinutes(1).toNanos()) {
                System.out.println("... waiting for the server to merge its index: " + layout);
                lastReport = System.nanoTime();
            }
            Thread.sleep(5000);
        }
        System.out.println("!! the index was not merged within " + limit.toMinutes() + " minutes; going on with " + layout);
        return layout;
    }

    /**
     * Waits until {@code stored} documents beyond {@code base} are in the index and no extraction
     * is unfinished; gives up when neither number has moved for {@code stall}, saying so. The
     * figures are meaningless over documents whose text is not in the index yet: the first
     * 100,000-document run measured one with 75,000 of them still waiting for extraction.
     *
     * @return the {@code System.nanoTime()} when all were searchable, or of the last progress
     */
    long awaitSearchable(long base, long stored, Duration stall, Duration poll, Duration report) throws InterruptedException {
        long lastSearchable = -1;
        long lastUnfinished = -1;
        long lastChange = System.nanoTime();
        long lastReport = System.nanoTime();
        while (true) {
            long unfinished = extractionsUnfinished();
            // the search is the dearer look, so it waits for extraction to finish, or for the progress
            // report: at 10 looks a second the searches took 3 % of the server's sampled CPU while it
            // ingested, and kept its search path compiling
            boolean reportDue = System.nanoTime() - lastReport > report.toNanos();
            long searchable = unfinished == 0 || reportDue || lastSearchable < 0 ? searchable() - base : lastSearchable;
            if (searchable >= stored && unfinished == 0) {
                return System.nanoTime();
            }
            if (searchable != lastSearchable || unfinished != lastUnfinished) {
                lastSearchable = searchable;
                lastUnfinished = unfinished;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                System.out.printf(Locale.ROOT, "!! %d of %d in the index, %d extractions unfinished, no progress for %d s; going on%n",
                        searchable, stored, unfinished, stall.toSeconds());
                return lastChange;
            }
            if (reportDue) {
                System.out.printf(Locale.ROOT, "... %d of %d in the index, %d extractions unfinished%n", searchable, stored, unfinished);
                lastReport = System.nanoTime();
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /**
     * Waits until the index is ready and its start-up consistency check has run: at 100,000
     * documents the check reads every entry for a while, and measured searches would share the
     * machine with it. Returns the seconds waited.
     */
    double awaitIndexSettled() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = get("/admin/search", adminToken());
                if (r.statusCode() == 200) {
                    JsonNode status = Bench.JSON.readTree(r.body());
                    if ("READY".equals(status.path("state").asText()) && !status.path("lastCheckAt").isMissingNode()
                            && !status.path("lastCheckAt").isNull()) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not yet
            }
            Thread.sleep(500);
        }
        System.out.println("!! the index's start-up check did not finish within 10 minutes; measuring anyway");
        return (System.nanoTime() - start) / 1e9;
    }

    /** An API call as admin. */
    HttpResponse<String> api(String method, String apiPath, String json) {
        return new Portal(base()).api(method, apiPath, adminToken(), json);
    }

    HttpResponse<String> get(String apiPath, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve("/api/v1" + apiPath)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The API address of one query of the set, with facets (always counted) and snippets, 20 hits, as the search page asks. */
    static String searchPath(Corpus.Query q) {
        StringBuilder path = new StringBuilder("/search?size=20&q=").append(URLEncoder.encode(q.guildhall(), StandardCharsets.UTF_8));
        if (!q.facet().isEmpty()) {
            String[] kv = q.facet().split("=", 2);
            path.append('&').append(kv[0]).append('=').append(URLEncoder.encode(kv[1], StandardCharsets.UTF_8));
        }
        return path.toString();
    }

    static JsonNode json(String body) throws IOException {
        return Bench.JSON.readTree(body);
    }

    @Override
    public void close() throws InterruptedException {
        sampler.interrupt();
        server.close();
    }
}
