package org.guildhall.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.guildhall.it.Portal.Upload;

/**
 * Issue 7's bounded soak: uploaders, searchers and members viewing pages at once against one
 * Payara process on loopback, for a fixed time, then until every upload's extraction is
 * terminal. Counts every answer, samples the server's threads, open files and sockets
 * ({@code /proc/<pid>}) and its heap after a forced collection ({@code jcmd GC.run}, then
 * {@code GET /api/v1/admin/server-load}) before, at half time and after the run, and prints
 * the figures. Failures are errors and leaks, never speed: a 5xx, a connection error or an
 * unexpected 4xx; an upload never terminal; searches not answering for a minute; heap, threads
 * or file handles still grown after the load is gone. Run by {@link LoadIT} (short) and
 * {@code scripts/soak} (long).
 */
public final class Soak {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TERMINAL = List.of("DONE", "EMPTY", "ENCRYPTED", "FAILED", "TIMEOUT");
    /** The longest a client waits for one answer: slowness is reported, only silence is an error. */
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(120);

    /** How many clients of each kind, and how long they run. */
    public record Settings(int uploaders, int searchers, int pageViewers, Duration duration, Path corpus) {
    }

    /** What the run found: the failures (empty when it passed) and the figures as printed. */
    public record Result(List<String> failures, String report, int documents) {
    }

    /** One figure set of the server process. Heap is -1 when it could not be read. */
    record Figures(double atSeconds, int threads, int files, int sockets, long rssMb, long heapAfterGcMb) {
    }

    /** Answers of one kind of request: counts, latencies and what went wrong. */
    static final class Tally {
        final String name;
        final AtomicLong ok = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong serverErrors = new AtomicLong();
        final AtomicLong connectionErrors = new AtomicLong();
        final AtomicLong unexpected = new AtomicLong();
        final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        final List<String> examples = new CopyOnWriteArrayList<>();

        Tally(String name) {
            this.name = name;
        }

        long errors() {
            return serverErrors.get() + connectionErrors.get() + unexpected.get();
        }

        void ok(long startNanos) {
            ok.incrementAndGet();
            millis.add((System.nanoTime() - startNanos) / 1_000_000);
        }

        void failed(AtomicLong counter, String what) {
            counter.incrementAndGet();
            if (examples.size() < 5) {
                examples.add(what);
            }
        }

        /** Classifies an answer that was not the one expected. */
        void wrong(String request, int status, String body) {
            failed(status >= 500 ? serverErrors : unexpected, request + " -> HTTP " + status + " " + CorpusUpload.clip(body, 200));
        }

        void error(String request, Exception e) {
            failed(connectionErrors, request + " -> " + e);
        }

        String row() {
            List<Long> sorted;
            synchronized (millis) {
                sorted = new ArrayList<>(millis);
            }
            Collections.sort(sorted);
            return String.format(Locale.ROOT, "%-10s %8d %8d %6d %6d %8d %8d %8d %8d", name, ok.get() + refused.get(), refused.get(),
                    serverErrors.get(), connectionErrors.get(), unexpected.get(), percentile(sorted, 50), percentile(sorted, 99),
                    sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
        }

        static long percentile(List<Long> sorted, int p) {
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    /** A stored upload: its document, and for a generated file the word only it contains. */
    record Stored(long id, String marker, String fileName) {
    }

    private final PayaraProcess server;
    private final Settings settings;
    private final URI base;
    private final String run = Long.toString(System.nanoTime() % 46_656, 36);
    private final String slug = "soak-" + run;
    private final Tally uploads = new Tally("uploads");
    private final Tally searches = new Tally("searches");
    private final Tally pages = new Tally("pages");
    private final Tally probes = new Tally("probes");
    /** The monitor samples the server until this turns false. */
    private volatile boolean monitoring = true;
    private final List<Stored> stored = new CopyOnWriteArrayList<>();
    private final List<Figures> samples = new CopyOnWriteArrayList<>();
    private final AtomicInteger fileNumber = new AtomicInteger();
    private final AtomicLong lastSearchAnswer = new AtomicLong();
    private final AtomicLong longestSearchSilence = new AtomicLong();
    private final List<Path> corpusSample;
    private volatile long loadStart;
    private volatile long loadEnd;
    private String adminToken;
    private String carolToken;
    private String miaToken;
    private String noahToken;

    Soak(PayaraProcess server, Settings settings) throws IOException {
        this.server = server;
        this.settings = settings;
        this.base = server.base();
        this.corpusSample = settings.corpus() == null ? List.of() : SoakFiles.corpusSample(settings.corpus(), 40);
    }

    /** Runs the soak against a server that is up, with the demo accounts; prints as it goes. */
    public static Result run(PayaraProcess server, Settings settings, PrintStream out) throws Exception {
        return new Soak(server, settings).run(out);
    }

    private Result run(PrintStream out) throws Exception {
        List<String> failures = new ArrayList<>();
        setUp();
        out.printf(Locale.ROOT, "Soak: %d uploaders, %d searchers, %d page viewers for %d s into group %s (%d corpus files in the mix)%n",
                settings.uploaders(), settings.searchers(), settings.pageViewers(), settings.duration().toSeconds(), slug, corpusSample.size());

        Figures before = settled(0);
        List<Portal> viewers = new ArrayList<>();
        for (int i = 0; i < settings.pageViewers(); i++) {
            Portal viewer = new Portal(base, ANSWER_LIMIT);
            if (viewer.login("mia", DemoTokens.PASSWORD).statusCode() != 302) {
                throw new IllegalStateException("mia could not log in");
            }
            viewers.add(viewer);
        }

        loadStart = System.nanoTime();
        loadEnd = loadStart + settings.duration().toNanos();
        lastSearchAnswer.set(loadStart);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < settings.uploaders(); i++) {
            String token = i % 2 == 0 ? adminToken : carolToken;
            clients.add(Thread.ofPlatform().name("soak-upload-" + i).start(() -> uploader(token)));
        }
        for (int i = 0; i < settings.searchers(); i++) {
            // one searcher in four is an outsider who must never see the group's papers
            boolean outsider = i % 4 == 3;
            int seed = i;
            clients.add(Thread.ofPlatform().name("soak-search-" + i).start(() -> searcher(outsider, seed)));
        }
        for (int i = 0; i < viewers.size(); i++) {
            Portal viewer = viewers.get(i);
            int seed = i;
            clients.add(Thread.ofPlatform().name("soak-pages-" + i).start(() -> pageViewer(viewer, seed)));
        }
        Thread monitor = Thread.ofPlatform().name("soak-monitor").daemon().start(this::monitor);

        long progress = loadStart;
        Figures middle = null;
        while (System.nanoTime() < loadEnd) {
            if (middle == null && System.nanoTime() > loadStart + settings.duration().toNanos() / 2) {
                middle = settled(seconds());
            }
            if (System.nanoTime() - progress > TimeUnit.SECONDS.toNanos(30)) {
                progress = System.nanoTime();
                out.printf(Locale.ROOT, "... %.0f s: %d uploads stored, %d searches, %d pages, %d errors%n", seconds(),
                        stored.size(), searches.ok.get(), pages.ok.get(), uploads.errors() + searches.errors() + pages.errors());
            }
            Thread.sleep(200);
        }
        for (Thread client : clients) {
            client.join(ANSWER_LIMIT.toMillis() + 10_000);
            if (client.isAlive()) {
                failures.add(client.getName() + " still waiting for an answer " + ANSWER_LIMIT.toSeconds() + " s after the end");
            }
        }
        // ended by a flag, not an interrupt: an interrupt landing in a probe's request was counted as a connection error
        monitoring = false;
        monitor.join(ANSWER_LIMIT.toMillis() + 5_000);
        viewers.forEach(Portal::close);
        // searches that stopped answering before the end count up to the end
        longestSearchSilence.accumulateAndGet(loadEnd - lastSearchAnswer.get(), Math::max);
        double loadSeconds = seconds();
        out.printf(Locale.ROOT, "Load stopped after %.0f s; waiting for extraction of %d documents%n", loadSeconds, stored.size());

        // every acknowledged upload reaches a terminal state
        Map<Long, String> states = awaitTerminal(Duration.ofMinutes(10));
        double drainedAt = seconds();
        Map<String, Integer> byState = new TreeMap<>();
        states.values().forEach(s -> byState.merge(s, 1, Integer::sum));
        for (Stored s : stored) {
            String state = states.get(s.id());
            if (state == null || !TERMINAL.contains(state)) {
                failures.add("document " + s.id() + " (" + s.fileName() + ") never became terminal: " + state);
            } else if (s.marker() != null && !state.equals("DONE") && !state.equals("TIMEOUT")) {
                // a generated paper is well formed: anything but its text (or running out of time on a busy machine) is a bug
                failures.add("generated " + s.fileName() + " (document " + s.id() + ") ended " + state);
            }
        }
        failures.addAll(searchAfterwards(states));

        // after the load: what is left must not have grown
        Thread.sleep(5_000);
        Figures after = settled(seconds());
        if (middle == null) {
            middle = after;
        }
        List<Figures> plateauWindow = samples.stream()
                .filter(f -> f.atSeconds() >= loadSeconds / 4 && f.atSeconds() <= loadSeconds * 3 / 4).toList();
        int plateauThreads = plateauWindow.stream().mapToInt(Figures::threads).max().orElse(middle.threads());
        int plateauFiles = plateauWindow.stream().mapToInt(Figures::files).max().orElse(middle.files());
        int plateauSockets = plateauWindow.stream().mapToInt(Figures::sockets).max().orElse(middle.sockets());
        long heapBound = Math.max(middle.heapAfterGcMb(), before.heapAfterGcMb()) + Math.max(96, middle.heapAfterGcMb() / 2);
        long heapMax = heapMax();
        if (after.heapAfterGcMb() > heapBound) {
            failures.add("heap after GC grew from " + before.heapAfterGcMb() + " MB (start) / " + middle.heapAfterGcMb()
                    + " MB (half time) to " + after.heapAfterGcMb() + " MB after the load (bound " + heapBound + " MB)");
        }
        if (heapMax > 0 && after.heapAfterGcMb() > heapMax * 3 / 4) {
            failures.add("heap after GC " + after.heapAfterGcMb() + " MB is over three quarters of the cap " + heapMax + " MB");
        }
        if (after.threads() > plateauThreads + 20) {
            failures.add("threads grew from a plateau of " + plateauThreads + " to " + after.threads() + " after the load");
        }
        if (after.files() > plateauFiles + 20) {
            failures.add("open files grew from a plateau of " + plateauFiles + " to " + after.files() + " after the load");
        }
        if (after.sockets() > Math.max(plateauSockets, before.sockets()) + 10) {
            failures.add("open sockets grew from " + before.sockets() + " (start) / " + plateauSockets + " (plateau) to "
                    + after.sockets() + " after every client closed");
        }
        if (longestSearchSilence.get() > TimeUnit.SECONDS.toNanos(60)) {
            failures.add(String.format(Locale.ROOT, "no search answered for %.0f s during the load", longestSearchSilence.get() / 1e9));
        }
        for (Tally tally : List.of(uploads, searches, pages, probes)) {
            if (tally.errors() > 0) {
                failures.add(tally.name + ": " + tally.serverErrors.get() + " server errors, " + tally.connectionErrors.get()
                        + " connection errors, " + tally.unexpected.get() + " unexpected answers, e.g. " + tally.examples);
            }
        }
        if (stored.isEmpty() || searches.ok.get() == 0 || (settings.pageViewers() > 0 && pages.ok.get() == 0)) {
            failures.add("the load did not happen: " + stored.size() + " uploads stored, " + searches.ok.get() + " searches, "
                    + pages.ok.get() + " pages");
        }

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%nSoak figures: %d uploaders, %d searchers, %d page viewers, load %.0f s,"
                        + " every upload terminal after %.0f s%n", settings.uploaders(), settings.searchers(), settings.pageViewers(),
                loadSeconds, drainedAt));
        report.append(String.format(Locale.ROOT, "%-10s %8s %8s %6s %6s %8s %8s %8s %8s%n", "requests", "answered", "refused", "5xx",
                "conn", "other4xx", "p50 ms", "p99 ms", "max ms"));
        for (Tally tally : List.of(uploads, searches, pages, probes)) {
            report.append(tally.row()).append('\n');
        }
        report.append(String.format(Locale.ROOT, "documents stored %d (%d generated, %d from the corpus), final states %s%n",
                stored.size(), stored.stream().filter(s -> s.marker() != null).count(),
                stored.stream().filter(s -> s.marker() == null).count(), byState));
        report.append(String.format(Locale.ROOT, "longest time without a search answer during the load: %.1f s%n",
                longestSearchSilence.get() / 1e9));
        report.append(String.format(Locale.ROOT, "%-30s %8s %10s %10s %8s%n", "server", "start", "plateau", "half time", "end"));
        report.append(String.format(Locale.ROOT, "%-30s %8d %10s %10d %8d%n", "heap after GC, MB (cap " + heapMax + ")",
                before.heapAfterGcMb(), "-", middle.heapAfterGcMb(), after.heapAfterGcMb()));
        report.append(String.format(Locale.ROOT, "%-30s %8d %10d %10d %8d%n", "threads", before.threads(), plateauThreads,
                middle.threads(), after.threads()));
        report.append(String.format(Locale.ROOT, "%-30s %8d %10d %10d %8d%n", "open files (fd, not sockets)", before.files(),
                plateauFiles, middle.files(), after.files()));
        report.append(String.format(Locale.ROOT, "%-30s %8d %10d %10d %8d%n", "sockets (fd)", before.sockets(), plateauSockets,
                middle.sockets(), after.sockets()));
        report.append(String.format(Locale.ROOT, "%-30s %8d %10d %10d %8d%n", "resident memory, MB", before.rssMb(),
                plateauWindow.stream().mapToLong(Figures::rssMb).max().orElse(0), middle.rssMb(), after.rssMb()));
        report.append(failures.isEmpty() ? "PASSED: no errors, nothing grew\n" : "FAILED:\n  " + String.join("\n  ", failures) + "\n");
        out.print(report);
        return new Result(failures, report.toString(), stored.size());
    }

    // --- set-up ------------------------------------------------------------------------------------

    /** A private group for the soak, with carol on its committee and mia a member; noah stays outside. */
    private void setUp() {
        adminToken = DemoTokens.of(base, "admin");
        carolToken = DemoTokens.of(base, "carol");
        miaToken = DemoTokens.of(base, "mia");
        noahToken = DemoTokens.of(base, "noah");
        try (Portal admin = new Portal(base, ANSWER_LIMIT)) {
            expect(admin.api("POST", "/groups", adminToken, "{\"slug\":\"" + slug + "\",\"name\":\"Soak " + run
                    + "\",\"visibility\":\"MEMBERS\",\"joinPolicy\":\"INVITE\"}"), 201);
            expect(admin.api("POST", "/groups/" + slug + "/members", adminToken, "{\"username\":\"carol\",\"role\":\"COMMITTEE\"}"), 201, 200);
            expect(admin.api("POST", "/groups/" + slug + "/members", adminToken, "{\"username\":\"mia\",\"role\":\"MEMBER\"}"), 201, 200);
        }
    }

    private static void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException("set-up: " + response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + " " + response.body());
    }

    // --- the clients -------------------------------------------------------------------------------

    private boolean running() {
        return System.nanoTime() < loadEnd;
    }

    private void uploader(String token) {
        Random random = new Random(Thread.currentThread().getName().hashCode());
        try (HttpClient http = client()) {
            while (running()) {
                int n = fileNumber.incrementAndGet();
                // one upload in five is a real file from the corpus (the same bytes again and again), one in
                // seven carries a second generated file in the same request
                Path real = n % 5 == 0 && !corpusSample.isEmpty() ? corpusSample.get(random.nextInt(corpusSample.size())) : null;
                List<Upload> files = new ArrayList<>();
                List<String> markers = new ArrayList<>();
                if (real != null) {
                    files.add(Upload.of(real));
                    markers.add(null);
                } else {
                    files.add(SoakFiles.generated(run, n));
                    markers.add(SoakFiles.marker(run, n));
                    if (n % 7 == 0) {
                        int m = fileNumber.incrementAndGet();
                        files.add(SoakFiles.generated(run, m));
                        markers.add(SoakFiles.marker(run, m));
                    }
                }
                String boundary = "----soak" + System.nanoTime();
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/groups/" + slug + "/documents"))
                        .timeout(ANSWER_LIMIT)
                        .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Portal.multipartBody(boundary, Map.of("tags", "soak"), files)))
                        .build();
                String what = "upload " + files.get(0).fileName();
                long t = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    JsonNode results = CorpusUpload.parse(response.body());
                    if (response.statusCode() == 201 && results != null && results.size() == files.size()) {
                        uploads.ok(t);
                        for (int i = 0; i < files.size(); i++) {
                            JsonNode result = results.get(i);
                            if (result.path("stored").asBoolean()) {
                                stored.add(new Stored(result.path("document").path("id").asLong(), markers.get(i), files.get(i).fileName()));
                            } else if (markers.get(i) != null) {
                                uploads.wrong(what + " (refused a generated paper)", response.statusCode(), result.toString());
                            }
                        }
                    } else if (response.statusCode() == 400 && real != null && results != null
                            && !results.path(0).path("stored").asBoolean(true)) {
                        // a corpus file the allow-list refuses: the expected 4xx, told plainly
                        uploads.refused.incrementAndGet();
                    } else {
                        uploads.wrong(what, response.statusCode(), response.body());
                    }
                } catch (IOException e) {
                    uploads.error(what, e);
                }
                // a person takes a moment before the next file; without it the extraction backlog, not
                // the soak, sets how long the run takes
                Thread.sleep(random.nextInt(1000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void searcher(boolean outsider, int seed) {
        Random random = new Random(seed);
        String token = outsider ? noahToken : miaToken;
        try (HttpClient http = client()) {
            while (running()) {
                String q;
                int kind = random.nextInt(4);
                if (outsider || (kind == 0 && !stored.isEmpty())) {
                    Stored some = stored.isEmpty() ? null : stored.get(random.nextInt(stored.size()));
                    q = some == null || some.marker() == null ? "soak paper" : some.marker();
                } else if (kind == 1) {
                    q = SoakFiles.word(random) + " " + SoakFiles.word(random);
                } else if (kind == 2) {
                    q = "\"soak paper\" tag:soak";
                } else {
                    q = SoakFiles.word(random);
                }
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/search?size=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                        .timeout(ANSWER_LIMIT).header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
                String what = (outsider ? "noah" : "mia") + " searches " + q;
                long t = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    JsonNode answer = CorpusUpload.parse(response.body());
                    if (response.statusCode() != 200 || answer == null || !answer.has("total")) {
                        searches.wrong(what, response.statusCode(), response.body());
                    } else if (outsider && hitsInSoakGroup(answer) > 0) {
                        searches.wrong(what + " (an outsider saw the private group's papers)", response.statusCode(), response.body());
                    } else {
                        searches.ok(t);
                        long now = System.nanoTime();
                        long previous = lastSearchAnswer.getAndSet(now);
                        longestSearchSilence.accumulateAndGet(now - previous, Math::max);
                    }
                } catch (IOException e) {
                    searches.error(what, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long hitsInSoakGroup(JsonNode answer) {
        long n = 0;
        for (JsonNode hit : answer.path("hits")) {
            if (hit.path("group").asText().equals(slug) || hit.path("title").asText().contains("sk" + run + "x")) {
                n++;
            }
        }
        return n;
    }

    private void pageViewer(Portal mia, int seed) {
        Random random = new Random(seed);
        List<String> paths = List.of("/", "/groups/group.xhtml?slug=" + slug, "/search.xhtml?q=");
        for (int i = seed; running(); i++) {
            String path = paths.get(i % paths.size());
            if (path.endsWith("q=")) {
                path += URLEncoder.encode(SoakFiles.word(random) + " " + SoakFiles.word(random), StandardCharsets.UTF_8);
            }
            long t = System.nanoTime();
            try {
                HttpResponse<String> page = mia.get(path);
                // the group is private: its page answers 200 only while mia's session holds
                if (page.statusCode() == 200) {
                    pages.ok(t);
                } else {
                    pages.wrong("mia opens " + path, page.statusCode(), page.body());
                }
            } catch (RuntimeException e) {
                pages.error("mia opens " + path, e);
            }
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    // --- afterwards --------------------------------------------------------------------------------

    private Map<Long, String> awaitTerminal(Duration limit) throws InterruptedException {
        Map<Long, String> states = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + limit.toNanos();
        try (HttpClient http = client()) {
            while (true) {
                for (Stored s : stored) {
                    if (TERMINAL.contains(states.getOrDefault(s.id(), ""))) {
                        continue;
                    }
                    String state = documentState(http, s.id());
                    if (state != null) {
                        states.put(s.id(), state);
                    }
                }
                if (stored.stream().allMatch(s -> TERMINAL.contains(states.getOrDefault(s.id(), ""))) || System.nanoTime() > deadline) {
                    return states;
                }
                Thread.sleep(1000);
            }
        }
    }

    private String documentState(HttpClient http, long id) throws InterruptedException {
        String what = "admin reads document " + id;
        long t = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/documents/" + id)).timeout(ANSWER_LIMIT)
                    .header("Authorization", "Bearer " + adminToken).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                probes.wrong(what, response.statusCode(), response.body());
                return null;
            }
            probes.ok(t);
            return JSON.readTree(response.body()).path("current").path("state").asText(null);
        } catch (IOException e) {
            probes.error(what, e);
            return null;
        }
    }

    /** Generated papers that ended DONE are found by their own word, by the member only. */
    private List<String> searchAfterwards(Map<Long, String> states) {
        List<String> failures = new ArrayList<>();
        List<Stored> done = stored.stream().filter(s -> s.marker() != null && "DONE".equals(states.get(s.id()))).toList();
        try (Portal client = new Portal(base, ANSWER_LIMIT)) {
            for (int i = 0; i < Math.min(10, done.size()); i++) {
                Stored s = done.get(i * done.size() / Math.min(10, done.size()));
                JsonNode member = client.awaitSearchTotal(s.marker(), miaToken, 1, Duration.ofSeconds(30));
                if (member.path("total").asLong() != 1 || !member.path("hits").path(0).path("id").asText().equals("doc-" + s.id())) {
                    failures.add("mia's search for " + s.marker() + " does not find exactly document " + s.id() + ": " + member);
                }
                if (client.search(s.marker(), noahToken).path("total").asLong() != 0) {
                    failures.add("noah, outside the group, finds " + s.marker());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return failures;
    }

    // --- the server's figures ----------------------------------------------------------------------

    private double seconds() {
        return (System.nanoTime() - loadStart) / 1e9;
    }

    private void monitor() {
        while (monitoring) {
            samples.add(sample(seconds()));
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The figures after a full collection: what is really live. */
    private Figures settled(double at) throws InterruptedException {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(server.process().pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            jcmd.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the figure falls back to the last collection the server made by itself
        }
        return sample(at);
    }

    private Figures sample(double at) {
        long pid = server.process().pid();
        int threads = -1;
        long rss = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring(8).trim());
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // process gone: the figures say so
        }
        int files = 0;
        int sockets = 0;
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets++;
                    } else {
                        files++;
                    }
                } catch (IOException closedMeanwhile) {
                    // gone between listing and reading
                }
            }
        } catch (IOException e) {
            files = -1;
        }
        long heap = -1;
        JsonNode load = serverLoad();
        if (load != null) {
            heap = load.path("heapAfterLastGcMb").asLong(-1);
        }
        return new Figures(at, threads, files, sockets, rss, heap);
    }

    private long heapMax() {
        JsonNode load = serverLoad();
        return load == null ? -1 : load.path("heapMaxMb").asLong(-1);
    }

    private JsonNode serverLoad() {
        long t = System.nanoTime();
        try (Portal admin = new Portal(base, ANSWER_LIMIT)) {
            HttpResponse<String> response = admin.api("GET", "/admin/server-load", adminToken, null);
            if (response.statusCode() != 200) {
                probes.wrong("server-load", response.statusCode(), response.body());
                return null;
            }
            probes.ok(t);
            return JSON.readTree(response.body());
        } catch (IOException | RuntimeException e) {
            probes.error("server-load", e instanceof IOException io ? io : new IOException(e));
            return null;
        }
    }

    // --- scripts/soak --------------------------------------------------------------------------------

    /**
     * Starts Guildhall on a fresh data folder (system properties of {@link PayaraProcess}, plus
     * {@code soak.data}) and runs the soak; arguments {@code seconds uploaders searchers pageViewers
     * [corpus]}. Exits 1 when the soak failed, 2 when it could not run.
     */
    public static void main(String[] args) {
        int code;
        try {
            Settings settings = new Settings(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Duration.ofSeconds(Long.parseLong(args[0])), args.length > 4 ? Path.of(args[4]) : null);
            Path data = Path.of(System.getProperty("soak.data", "target/soak-data")).toAbsolutePath();
            System.out.println("Starting Payara Micro on a fresh data folder " + data + " (log: " + PayaraProcess.log(data) + ")");
            long boot = System.nanoTime();
            try (PayaraProcess server = PayaraProcess.start(data)) {
                Thread hook = new Thread(() -> server.process().destroy());
                Runtime.getRuntime().addShutdownHook(hook);
                System.out.printf(Locale.ROOT, "Up at %s (pid %d) after %.0f s%n", server.base(), server.process().pid(), (System.nanoTime() - boot) / 1e9);
                Result result = run(server, settings, System.out);
                Runtime.getRuntime().removeShutdownHook(hook);
                code = result.failures().isEmpty() ? 0 : 1;
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }
}
