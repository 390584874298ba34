package org.guildhall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.guildhall.search.control.Facet;
import org.guildhall.search.control.IndexSearch;
import org.guildhall.search.control.ParsedQuery;
import org.guildhall.search.control.Readers;
import org.guildhall.search.control.SearchQueryParser;
import org.guildhall.search.control.SearchResult;
import org.guildhall.search.control.SortOrder;

/**
 * {@code scripts/bench search [N]}: N generated documents loaded into Guildhall (the data folder
 * {@code target/bench/search-data-N} is prepared once and re-used), then the fixed query set through
 * {@code GET /api/v1/search} at concurrency 1 and 8 as a member of 5 of the 20 groups; side by side
 * raw Lucene on a copy of the same index files (Guildhall's own query builder, permission filter,
 * facets and highlighting, no HTTP) and Apache Solr 9 in its own JVM on localhost with the same
 * documents (read from the index copy) and an equivalent schema; and a mixed run, searches at
 * concurrency 8 while one client uploads.
 */
final class Search {

    static final String MIXED_GROUP = "bench-mixed";
    /**
     * Requests each system answers before it is measured, the query set over and over: enough
     * for every JIT to finish with the hot code. With 100, Guildhall's server (a far larger body
     * of code on the request path than the harness's Lucene) was still compiling during the
     * concurrency-1 run: its p50 was 17 ms there and 10.7 ms once warm, the index search inside
     * it 8.2 and 6.3 ms (2026-12-03, 10,000 documents).
     */
    static final int WARM_UP = Integer.getInteger("bench.warm-up", 2_000);

    /**
     * Rounds of {@link #WARM_UP} a system may get at most: a further round while its JIT compilers
     * still took more than {@link #WARM_UP_JIT_SHARE} of its CPU in the last one. On 2026-12-04,
     * after one round, Guildhall's server spent about 5 of the 8 seconds of its concurrency-8 run
     * compiling (JFR's compilation events), the harness's Lucene next to nothing. On 2026-12-05,
     * at 100,000 documents, a tenth was not quiet enough: Guildhall's server passed it after 5
     * rounds (8 %) and then spent 0.8 of its 6.4 ms of CPU per search compiling in the measured
     * concurrency-8 run, Solr 0.3 of 6.1. With a twentieth it took 8 rounds (Solr 6-7, raw Lucene
     * 4-7, in two runs) and then compiled 0.4 ms per search.
     */
    static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warm-up-rounds", 12);
    /** The share of a system's CPU its JIT compilers may still take in a warm-up round before it is measured. */
    static final double WARM_UP_JIT_SHARE = Double.parseDouble(System.getProperty("bench.warm-up-jit-share", "0.05"));

    /** Warms one system up (see {@link #WARM_UP_ROUNDS}); answers how many rounds it took. */
    static <T> int warmUp(String what, ProcessHandle server, List<T> items, java.util.function.Predicate<T> call) throws Exception {
        List<T> round = warmUp(items);
        for (int r = 1;; r++) {
            CpuPerRequest cpu = CpuPerRequest.start(what, 2, server).stop(Runner.run("warm-up " + r + ", " + what, 2, round, call));
            double jitShare = cpu.serverThreads().jitSeconds() / cpu.serverCpuSeconds();
            System.out.printf(Locale.ROOT, "    its JIT compilers took %.0f %% of its CPU%n", 100 * jitShare);
            if (!(jitShare > WARM_UP_JIT_SHARE) || r >= WARM_UP_ROUNDS) {
                return r;
            }
        }
    }

    /** {@link Runner#run} with the CPU it cost the serving process (and this JVM) added to {@code cpu}. */
    static <T> Bench.Latencies measured(List<CpuPerRequest> cpu, ProcessHandle server, String what, int concurrency, List<T> items,
            java.util.function.Predicate<T> call) throws Exception {
        CpuPerRequest.Meter meter = CpuPerRequest.start(what, concurrency, server);
        Bench.Latencies run = Runner.run(what, concurrency, items, call);
        cpu.add(meter.stop(run));
        return run;
    }

    /** {@link #WARM_UP} queries: the set repeated as often as needed, the same for every system. */
    static <T> List<T> warmUp(List<T> queries) {
        List<T> warmUp = new ArrayList<>(WARM_UP);
        for (int i = 0; i < WARM_UP && !queries.isEmpty(); i++) {
            warmUp.add(queries.get(i % queries.size()));
        }
        return warmUp;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1000;
        Path corpus = Corpus.ensure(n);
        List<Corpus.Query> all = Corpus.readQueries(corpus);
        // bench.queries takes an even sample of the set (every k-th query) when time is short
        int wanted = Math.min(all.size(), Integer.getInteger("bench.queries", all.size()));
        List<Corpus.Query> queries = new ArrayList<>();
        for (int i = 0; i < wanted; i++) {
            queries.add(all.get((int) ((long) i * all.size() / wanted)));
        }
        List<Corpus.Doc> docs = Corpus.readManifest(corpus);
        Path data = Bench.OUT.resolve("search-data-" + n);
        Path copy = Bench.OUT.resolve("search-index-copy-" + n);
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("documents", n);
        inputs.put("queries", queries.size());
        inputs.put("querySet", all.size());
        inputs.put("memberGroups", Guild.MEMBER_GROUPS);
        inputs.put("hitsPerPage", 20);
        inputs.put("warmUpRequestsPerRound", WARM_UP);
        inputs.put("warmUpJitShare", WARM_UP_JIT_SHARE);
        inputs.put("warmUpMaxRounds", WARM_UP_ROUNDS);
        report.put("inputs", inputs);
        List<Bench.Latencies> runs = new ArrayList<>();
        Map<String, Object> preparation = new LinkedHashMap<>();

        // --- Guildhall over HTTP ------------------------------------------------------------------
        Bench.Latencies gh1;
        Bench.Latencies gh8;
        Bench.Latencies mixed;
        Bench.Latencies http1;
        Bench.Latencies http8;
        Map<String, Object> mixedUploads = new LinkedHashMap<>();
        List<ServerTiming> serverTimings = new ArrayList<>();
        List<CpuPerRequest> cpu = new ArrayList<>();
        Map<String, Integer> warmUpRounds = new LinkedHashMap<>();
        inputs.put("warmUpRoundsBySystem", warmUpRounds);
        try (Guild guild = Guild.start(dataFolder(n))) {
            preparation = prepare(guild, n, corpus, docs);
            report.put("preparation", preparation);
            double settled = guild.awaitIndexSettled();
            inputs.put("secondsUntilStartUpCheckDone", Bench.round(settled));
            System.out.printf(Locale.ROOT, "Index ready and its start-up check done after %.0f s more%n", settled);
            long searchable = guild.searchable();
            inputs.put("searchableDocuments", searchable);
            String token = guild.token(Guild.MEMBER, Guild.MEMBER_PASSWORD, "bench search " + System.nanoTime());
            System.out.println("Guildhall, GET /api/v1/search as a member of " + Guild.MEMBER_GROUPS);
            ProcessHandle server = guild.server.process().toHandle();
            java.util.function.Predicate<Corpus.Query> searchOk = q -> guild.get(Guild.searchPath(q), token).statusCode() == 200;
            warmUpRounds.put("Guildhall REST", warmUp("Guildhall REST", server, queries, searchOk));
            ServerTiming at1 = new ServerTiming("Guildhall REST", 1);
            gh1 = measured(cpu, server, "Guildhall REST", 1, queries, q -> at1.record(guild.get(Guild.searchPath(q), token)));
            ServerTiming at8 = new ServerTiming("Guildhall REST", 8);
            gh8 = measured(cpu, server, "Guildhall REST", 8, queries, q -> at8.record(guild.get(Guild.searchPath(q), token)));
            serverTimings.addAll(List.of(at1, at8));
            List<Integer> times = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                times.add(i);
            }
            Runner.run("warm-up", 2, warmUp(times), i -> guild.get("/accounts/me", token).statusCode() == 200);
            http1 = Runner.run("HTTP fixed cost (GET /api/v1/accounts/me)", 1, times, i -> guild.get("/accounts/me", token).statusCode() == 200);
            http8 = measured(cpu, server, "HTTP fixed cost (GET /api/v1/accounts/me)", 8, times, i -> guild.get("/accounts/me", token).statusCode() == 200);

            copyLastCommit(data.resolve("index"), copy);

            // mixed: searches at concurrency 8 while one client uploads (to a group the member cannot read)
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger uploads = new AtomicInteger();
            Thread uploader = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (running.get()) {
                    Corpus.Doc d = docs.get(i++ % docs.size());
                    Corpus.Doc again = new Corpus.Doc(d.file(), MIXED_GROUP, d.format(), d.title(), d.tags(), d.author(), d.date(), d.textBytes());
                    if (guild.upload(corpus.resolve("files").resolve(d.file()), again, " (mixed run)")) {
                        uploads.incrementAndGet();
                    }
                }
            });
            // the upload path warmed up as the searches were: the mixed run then shows what uploads cost the searches,
            // not the compiling of the upload path
            warmUpRounds.put("Guildhall REST while 1 client uploads", warmUp("Guildhall REST while 1 client uploads", server, queries, searchOk));
            uploads.set(0);
            long mixedStart = System.nanoTime();
            ServerTiming atMixed = new ServerTiming("Guildhall REST while 1 client uploads", 8);
            mixed = Runner.run("Guildhall REST while 1 client uploads", 8, queries, q -> atMixed.record(guild.get(Guild.searchPath(q), token)));
            serverTimings.add(atMixed);
            running.set(false);
            uploader.join();
            mixedUploads.put("uploadsDuringRun", uploads.get());
            mixedUploads.put("uploadsPerSecond", Bench.round(uploads.get() / ((System.nanoTime() - mixedStart) / 1e9)));
            mixedUploads.put("uploadGroup", MIXED_GROUP + " (the member cannot read it; its documents accumulate over runs)");
            report.put("guildhallPeakRssBytes", guild.serverHighWaterMark());
        }

        // --- raw Lucene on the copy -----------------------------------------------------------------
        System.out.println("Raw Lucene on a copy of the index: Guildhall's query builder, permission filter, facets and snippets, no HTTP");
        Map<String, Long> groupIds = groupIds(copy);
        Set<Long> memberGroupIds = new HashSet<>();
        Guild.MEMBER_GROUPS.forEach(g -> memberGroupIds.add(groupIds.get(g)));
        Bench.Latencies lucene1;
        Bench.Latencies lucene8;
        try (IndexSearch lucene = IndexSearch.open(copy)) {
            Readers readers = Readers.ofGroups(memberGroupIds);
            java.util.function.Predicate<Corpus.Query> search = q -> {
                try {
                    ParsedQuery parsed = new SearchQueryParser().parse(q.guildhall());
                    SearchResult result = lucene.search(parsed, readers, selection(q), SortOrder.RELEVANCE, 1, 20);
                    if (result.total() == 0 && !q.text().isBlank()) {
                        lucene.didYouMean(q.text().replace("\"", "").replace("*", "").split(" ")[0], readers);
                    }
                    return true;
                } catch (IOException e) {
                    return false;
                }
            };
            warmUpRounds.put("raw Lucene", warmUp("raw Lucene", ProcessHandle.current(), queries, search));
            lucene1 = Runner.run("raw Lucene (in-process)", 1, queries, search);
            lucene8 = measured(cpu, ProcessHandle.current(), "raw Lucene (in-process)", 8, queries, search);
        }

        // --- Solr ---------------------------------------------------------------------------------------
        Bench.Latencies solr1 = null;
        Bench.Latencies solr8 = null;
        Map<String, Object> solrInfo = new LinkedHashMap<>();
        String solrClasspath = System.getProperty("bench.solr.classpath");
        if (solrClasspath == null || solrClasspath.isBlank()) {
            System.out.println("!! no bench.solr.classpath: Solr skipped");
        } else {
            try (SolrProcess solr = SolrProcess.start(solrClasspath, Bench.OUT.resolve("solr-home-" + n))) {
                solrInfo.put("port", solr.port);
                long t = System.nanoTime();
                int solrDocs = solrDocuments(copy, solr::index);
                solr.commit();
                solrInfo.put("documents", solrDocs);
                solrInfo.put("indexSeconds", Bench.round((System.nanoTime() - t) / 1e9));
                System.out.printf(Locale.ROOT, "Solr on port %d: indexed %d documents in %.1f s%n", solr.port, solrDocs, (System.nanoTime() - t) / 1e9);
                java.util.function.Predicate<Corpus.Query> search = q -> solr.select(q, Guild.MEMBER_GROUPS);
                warmUpRounds.put("Solr", warmUp("Solr", solr.process.toHandle(), queries, search));
                solr1 = Runner.run("Solr 9 (HTTP)", 1, queries, search);
                solr8 = measured(cpu, solr.process.toHandle(), "Solr 9 (HTTP)", 8, queries, search);
                solrInfo.put("peakRssBytes", solr.highWaterMark());
            } catch (Exception e) {
                // the other figures still count; say what went wrong
                System.out.println("!! Solr run failed: " + e.toString().lines().findFirst().orElse(""));
                solrInfo.put("error", e.toString().lines().limit(3).toList());
                solr1 = null;
                solr8 = null;
            }
        }

        runs.addAll(List.of(gh1, gh8, lucene1, lucene8));
        if (solr1 != null) {
            runs.addAll(List.of(solr1, solr8));
        }
        runs.addAll(List.of(http1, http8, mixed));
        List<List<String>> rows = new ArrayList<>();
        runs.forEach(r -> rows.add(Bench.latencyRow(r)));
        Bench.table("Search: " + n + " generated documents, " + queries.size() + " queries, member of 5 of 20 groups, 20 hits + 5 facets + snippets",
                Bench.LATENCY_HEADER, rows);

        List<List<String>> timingRows = new ArrayList<>();
        serverTimings.forEach(t -> timingRows.add(t.row()));
        Bench.table("Guildhall's own account of its searches (Server-Timing header): the caller's groups, and the index search", ServerTiming.HEADER,
                timingRows);
        report.put("serverTiming", ServerTiming.json(serverTimings));
        Bench.table("CPU per request at concurrency 8: the serving JVM (garbage collection included) and this benchmark's clients", CpuPerRequest.HEADER,
                cpu.stream().filter(c -> c.concurrency() == 8).map(CpuPerRequest::row).toList());
        report.put("cpuPerRequest", cpu.stream().map(CpuPerRequest::json).toList());

        Map<String, Object> ratios = new LinkedHashMap<>();
        if (solr8 != null) {
            ratios.put("guildhallToSolrP50At8", Bench.round(gh8.percentileMillis(50) / solr8.percentileMillis(50)));
            ratios.put("guildhallToSolrP99At8", Bench.round(gh8.percentileMillis(99) / solr8.percentileMillis(99)));
            ratios.put("guildhallToSolrP50At1", Bench.round(gh1.percentileMillis(50) / solr1.percentileMillis(50)));
            ratios.put("guildhallToSolrP99At1", Bench.round(gh1.percentileMillis(99) / solr1.percentileMillis(99)));
        }
        ratios.put("guildhallToLuceneP50At8", Bench.round(gh8.percentileMillis(50) / lucene8.percentileMillis(50)));
        ratios.put("guildhallToLuceneP99At8", Bench.round(gh8.percentileMillis(99) / lucene8.percentileMillis(99)));
        ratios.put("guildhallToLucenePlusHttpP50At8", Bench.round(gh8.percentileMillis(50) / (lucene8.percentileMillis(50) + http8.percentileMillis(50))));
        ratios.put("guildhallToLucenePlusHttpP99At8", Bench.round(gh8.percentileMillis(99) / (lucene8.percentileMillis(99) + http8.percentileMillis(99))));
        ratios.put("mixedToQuietP50At8", Bench.round(mixed.percentileMillis(50) / gh8.percentileMillis(50)));
        ratios.put("mixedToQuietP99At8", Bench.round(mixed.percentileMillis(99) / gh8.percentileMillis(99)));
        Map<String, Object> goals = new LinkedHashMap<>();
        if (solr8 != null) {
            goals.put("p50 and p99 at concurrency 8 no worse than Solr (ratio <= 1.0)",
                    gh8.percentileMillis(50) <= solr8.percentileMillis(50) && gh8.percentileMillis(99) <= solr8.percentileMillis(99));
        }
        goals.put("p50 and p99 at concurrency 8 within 1.5x of raw Lucene + HTTP fixed cost",
                (double) ratios.get("guildhallToLucenePlusHttpP50At8") <= 1.5 && (double) ratios.get("guildhallToLucenePlusHttpP99At8") <= 1.5);
        goals.put("p99 at concurrency 8 <= 50 ms", gh8.percentileMillis(99) <= 50);
        List<List<String>> ratioRows = new ArrayList<>();
        ratios.forEach((k, v) -> ratioRows.add(List.of(k, String.valueOf(v))));
        goals.forEach((k, v) -> ratioRows.add(List.of("goal: " + k, (Boolean) v ? "met" : "missed")));
        Bench.table("Ratios and goals" + (n < 100_000 ? " (goals are set for 100,000 documents; this run has " + n + ")" : ""),
                List.of("ratio", "value"), ratioRows);

        report.put("runs", runs.stream().map(Bench.Latencies::json).toList());
        Map<String, Object> byKind = new LinkedHashMap<>();
        List<List<String>> kindRows = new ArrayList<>();
        for (Bench.Latencies run : List.of(gh1, lucene1)) {
            Map<String, List<Long>> kinds = new java.util.TreeMap<>();
            for (int i = 0; i < queries.size(); i++) {
                kinds.computeIfAbsent(queries.get(i).kind(), k -> new ArrayList<>()).add(run.nanos()[i]);
            }
            Map<String, Object> k = new LinkedHashMap<>();
            kinds.forEach((kind, nanos) -> {
                Bench.Latencies l = new Bench.Latencies(kind, 1, nanos.stream().mapToLong(Long::longValue).toArray(), 1, 0);
                k.put(kind, Map.of("queries", nanos.size(), "p50Millis", Bench.round(l.percentileMillis(50)), "p99Millis", Bench.round(l.percentileMillis(99))));
                kindRows.add(List.of(run.what(), kind, String.valueOf(nanos.size()), Bench.f(l.percentileMillis(50)), Bench.f(l.percentileMillis(99))));
            });
            byKind.put(run.what(), k);
        }
        Bench.table("Concurrency 1 by kind of query", List.of("what", "kind", "queries", "p50 ms", "p99 ms"), kindRows);
        report.put("concurrency1ByKind", byKind);
        report.put("mixedRun", mixedUploads);
        report.put("solr", solrInfo);
        report.put("ratios", ratios);
        report.put("goals", goals);
        Bench.write("search-" + n, report);
    }

    /** Loads the corpus into a fresh data folder once (3 upload clients, until searchable); later runs find it ready. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> prepare(Guild guild, int n, Path corpus, List<Corpus.Doc> docs) throws Exception {
        Path ready = Bench.OUT.resolve("search-data-" + n + ".ready");
        Map<String, Object> preparation = new LinkedHashMap<>();
        // every run: a folder prepared by "scripts/bench ingest N" (moved here) has no such group yet
        guild.api("POST", "/groups", "{\"slug\":\"" + MIXED_GROUP + "\",\"name\":\"Mixed-run uploads\",\"description\":\"\","
                + "\"visibility\":\"MEMBERS\",\"joinPolicy\":\"REQUEST\"}");
        if (!Files.exists(ready)) {
            System.out.println("Preparing the data folder with " + n + " documents (once; later runs re-use it)");
            guild.setUp();
            long start = System.nanoTime();
            int stored = guild.uploadAll(corpus.resolve("files"), docs, 3, new AtomicLong());
            guild.awaitSearchable(0, stored, Duration.ofMinutes(3), Duration.ofSeconds(1), Duration.ofMinutes(1));
            org.guildhall.search.control.IndexLayout layout = guild.awaitMerged(Duration.ofMinutes(60));
            preparation.put("stored", stored);
            preparation.put("indexLayout", String.valueOf(layout));
            preparation.put("seconds", Bench.round((System.nanoTime() - start) / 1e9));
            Files.writeString(ready, Bench.JSON.writeValueAsString(preparation));
            System.out.printf(Locale.ROOT, "Prepared: %d stored, searchable after %.0f s%n", stored, (System.nanoTime() - start) / 1e9);
        } else {
            preparation = Bench.JSON.readValue(ready.toFile(), Map.class);
            System.out.println("Re-using the prepared data folder " + guild.server.data());
            // a folder whose extraction was still behind when it was written (or was stopped) catches up first
            guild.awaitSearchable(0, ((Number) preparation.get("stored")).longValue(), Duration.ofMinutes(3), Duration.ofSeconds(1),
                    Duration.ofMinutes(1));
            preparation.put("indexLayout", String.valueOf(guild.awaitMerged(Duration.ofMinutes(60))));
        }
        return preparation;
    }

    /** {@code scripts/bench prepare N}: loads (or finishes loading) the search benchmark's data folder, and measures nothing. */
    static void prepareOnly(int n) throws Exception {
        Path corpus = Corpus.ensure(n);
        try (Guild guild = Guild.start(dataFolder(n))) {
            prepare(guild, n, corpus, Corpus.readManifest(corpus));
        }
    }

    /**
     * The files of the index's last commit. The server may merge and commit meanwhile (its
     * start-up check, the mixed run's uploads of earlier runs), deleting files of the commit
     * being copied: then the copy starts again from the newer commit.
     */
    static void copyLastCommit(Path index, Path copy) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Ingest.deleteTree(copy);
            Files.createDirectories(copy);
            try (FSDirectory directory = FSDirectory.open(index)) {
                for (String file : SegmentInfos.readLatestCommit(directory).files(true)) {
                    Files.copy(index.resolve(file), copy.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
                return;
            } catch (java.nio.file.NoSuchFileException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The prepared data folder of N documents: emptied unless a previous run finished preparing it. */
    static Path dataFolder(int n) throws IOException {
        Path data = Bench.OUT.resolve("search-data-" + n);
        if (!Files.exists(Bench.OUT.resolve("search-data-" + n + ".ready"))) {
            Ingest.deleteTree(data);
        }
        return data;
    }

    static Map<Facet, Set<String>> selection(Corpus.Query q) {
        Map<Facet, Set<String>> selected = new EnumMap<>(Facet.class);
        if (!q.facet().isEmpty()) {
            String[] kv = q.facet().split("=", 2);
            selected.put(Facet.valueOf(kv[0].toUpperCase(Locale.ROOT)), Set.of(kv[1]));
        }
        return selected;
    }

    /** Group slug to group id, as the index holds them (the permission keys are "group:" + id). */
    static Map<String, Long> groupIds(Path index) throws IOException {
        Map<String, Long> ids = new HashMap<>();
        try (FSDirectory dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                SortedSetDocValues slugs = DocValues.getSortedSet(r, "group");
                NumericDocValues groupIds = DocValues.getNumeric(r, "group_id");
                for (int doc = 0; doc < r.maxDoc(); doc++) {
                    if (slugs.advanceExact(doc) && groupIds.advanceExact(doc)) {
                        ids.putIfAbsent(slugs.lookupOrd(slugs.nextOrd()).utf8ToString(), groupIds.longValue());
                    }
                }
            }
        }
        return ids;
    }

    /** Every live entry of the index as Solr documents: the same stored text, title, group, type, tags, author and date. */
    /**
     * The index's live documents as Solr documents, handed on 500 at a time: at 100,000 documents
     * their text does not fit the harness's heap all at once. Returns how many there were.
     */
    static int solrDocuments(Path index, SolrBatch sink) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        int count = 0;
        try (FSDirectory dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
            StoredFields stored = reader.storedFields();
            Bits live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                Document d = stored.document(doc);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", d.get("id"));
                m.put("title", d.get("title"));
                StringBuilder body = new StringBuilder();
                for (IndexableField f : d.getFields("body")) {
                    body.append(f.stringValue()).append("\n\n");
                }
                m.put("body", body.toString());
                m.put("group", d.get("group"));
                m.put("type", d.get("type"));
                List<String> tags = new ArrayList<>();
                for (IndexableField f : d.getFields("tag")) {
                    tags.add(f.stringValue());
                }
                m.put("tag", tags);
                if (d.get("author") != null) {
                    m.put("author", d.get("author"));
                }
                IndexableField date = d.getField("date");
                long millis = date == null ? 0 : date.numericValue().longValue();
                m.put("date", millis);
                m.put("year", String.valueOf(java.time.Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).getYear()));
                docs.add(m);
                count++;
                if (docs.size() == 500) {
                    sink.accept(docs);
                    docs.clear();
                }
            }
        }
        if (!docs.isEmpty()) {
            sink.accept(docs);
        }
        return count;
    }

    interface SolrBatch {
        void accept(List<Map<String, Object>> docs) throws Exception;
    }

    /** Apache Solr 9 in its own JVM (its own Lucene 9 classpath), spoken to over HTTP. */
    static final class SolrProcess implements AutoCloseable {
        final Process process;
        final int port;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

        private SolrProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static SolrProcess start(String classpath, Path home) throws Exception {
            Ingest.deleteTree(home);
            Files.createDirectories(home);
            Path log = home.resolveSibling(home.getFileName() + ".log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-Dsolr.log.dir=" + home, "-cp", classpath, "org.guildhall.bench.solr.SolrServer", home.toString())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String line;
            while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
                if (line.startsWith("SOLR_PORT=")) {
                    int port = Integer.parseInt(line.substring("SOLR_PORT=".length()).strip());
                    Thread.ofPlatform().daemon().start(() -> {
                        try {
                            out.transferTo(java.io.Writer.nullWriter());
                        } catch (IOException e) {
                            // gone
                        }
                    });
                    return new SolrProcess(p, port);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("Solr did not start; see " + log);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + "/solr/docs" + path);
        }

        void index(List<Map<String, Object>> docs) throws Exception {
            post("/update", Bench.JSON.writeValueAsString(docs));
        }

        void commit() throws Exception {
            post("/update?commit=true", "[]");
        }

        private void post(String path, String json) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Solr answered " + r.statusCode() + ": " + r.body());
            }
        }

        /** The same query: edismax over title^2 and body, fq for the member's groups and each filter, 5 facet fields, unified highlighting of body. */
        boolean select(Corpus.Query q, List<String> groups) {
            List<String> params = new ArrayList<>();
            params.add("q=" + enc(q.text().isBlank() ? "*:*" : q.text()));
            params.add("q.op=OR");
            params.add("rows=20");
            params.add("fl=" + enc("id,title,group,type,date,score"));
            params.add("fq=" + enc("{!terms f=group}" + String.join(",", groups)));
            String filter = q.filter();
            if (filter.startsWith("group:") || filter.startsWith("type:")) {
                params.add("fq=" + enc(filter));
            } else if (filter.startsWith("after:")) {
                long millis = LocalDate.parse(filter.substring(6)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                params.add("fq=" + enc("date:[" + millis + " TO *]"));
            }
            if (!q.facet().isEmpty()) {
                String[] kv = q.facet().split("=", 2);
                params.add("fq=" + enc(kv[0] + ":" + kv[1]));
            }
            params.add("facet=true");
            for (String field : List.of("group", "type", "year", "tag", "author")) {
                params.add("facet.field=" + field);
            }
            params.add("facet.mincount=1");
            params.add("facet.limit=10");
            params.add("hl=true");
            params.add("hl.fl=body");
            params.add("hl.snippets=1");
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/select?" + String.join("&", params))).GET()
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        long highWaterMark() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                // gone
            }
            return -1;
        }

        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // stopping anyway
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }
}
