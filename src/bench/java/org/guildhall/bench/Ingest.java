package org.guildhall.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.guildhall.documents.control.DocumentTypes;
import org.guildhall.search.control.IndexSearch;
import org.guildhall.search.control.SearchDocument;

/**
 * {@code scripts/bench ingest [N | folder]}: Guildhall started on a fresh data folder, the files
 * uploaded through the REST API by a few concurrent clients, timed until every stored document
 * is searchable by its text (in the index and its extraction finished); and in the same run the bare pipeline on the same files (Tika in-process and a
 * plain Lucene IndexWriter with Guildhall's document mapping, as many threads as cores, no
 * server, no database). Guildhall's throughput is reported as a ratio to the bare pipeline's.
 * <p>
 * System properties: {@code bench.clients} (uploaders, 3), {@code bench.stall-seconds} (give up
 * waiting when the count of unfinished extractions has not moved for this long, 180).
 */
final class Ingest {

    static final Set<String> NOT_DOCUMENTS = Set.of("MANIFEST.tsv", "LICENSES.md", "tika-3.3.1-baseline.tsv");
    /** Exhausts any heap in-process (shared/STACK.md); the bare pipeline skips it, Guildhall gets it. */
    static final Set<String> BARE_SKIPS = Set.of("testOneNote-fuzz2.one");

    public static void main(String[] args) throws Exception {
        String input = args.length > 0 ? args[0] : "1000";
        Path files;
        List<Corpus.Doc> docs;
        String inputName;
        if (input.matches("[0-9_]+")) {
            int n = Integer.parseInt(input.replace("_", ""));
            Path corpus = Corpus.ensure(n);
            files = corpus.resolve("files");
            docs = Corpus.readManifest(corpus);
            inputName = "generated-" + n;
        } else {
            files = Path.of(input).toAbsolutePath().normalize();
            docs = realCorpus(files);
            inputName = "folder " + files;
        }
        int clients = Integer.getInteger("bench.clients", 3);
        long totalBytes = 0;
        for (Corpus.Doc d : docs) {
            totalBytes += Files.size(files.resolve(d.file()));
        }
        double mb = totalBytes / 1e6;
        System.out.printf(Locale.ROOT, "Ingest benchmark: %d files, %.1f MB (%s)%n", docs.size(), mb, inputName);

        Map<String, Object> bare = bare(files, docs);
        Map<String, Object> guildhall = guildhall(files, docs, clients);

        double bareDocs = ((Number) bare.get("docsPerSecond")).doubleValue();
        double ghDocs = ((Number) guildhall.get("docsPerSecond")).doubleValue();
        double ratio = ghDocs / bareDocs;
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("guildhallToBareDocsPerSecond", Bench.round(ratio * 1000) / 1000.0);
        ratios.put("goal", ">= 0.8");
        ratios.put("met", ratio >= 0.8);

        Bench.table("Ingest: " + docs.size() + " files, " + Bench.f(mb) + " MB (" + inputName + ")",
                List.of("pipeline", "documents", "seconds", "docs/s", "MB/s", "first searchable s", "last searchable s", "peak memory MB", "CPU s"),
                List.of(List.of("Guildhall (REST, " + clients + " clients, until searchable)", String.valueOf(guildhall.get("searchable")),
                                Bench.f((double) guildhall.get("seconds")), Bench.f(ghDocs), Bench.f2((double) guildhall.get("mbPerSecond")),
                                Bench.f((double) guildhall.get("firstSearchableSeconds")), Bench.f((double) guildhall.get("lastSearchableSeconds")),
                                Bench.f(((Number) guildhall.get("peakServerRssBytes")).longValue() / 1e6) + " (+ extractors "
                                        + Bench.f(((Number) guildhall.get("peakExtractorsRssBytes")).longValue() / 1e6) + ")",
                                Bench.f((double) guildhall.get("cpuSecondsServer")) + " server + " + Bench.f((double) guildhall.get("cpuSecondsExtractors")) + " extractors"),
                        List.of("bare: Tika in-process + IndexWriter, " + bare.get("threads") + " threads", String.valueOf(bare.get("indexed")),
                                Bench.f((double) bare.get("seconds")), Bench.f(bareDocs), Bench.f2((double) bare.get("mbPerSecond")), "-", "-",
                                Bench.f(((Number) bare.get("heapUsedPeakBytes")).longValue() / 1e6) + " (heap)", Bench.f((double) bare.get("cpuSeconds"))),
                        List.of("ratio Guildhall / bare (goal >= 0.8)", "", "", Bench.f2(ratio), "", "", "", "", "")));

        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("corpus", inputName);
        inputs.put("files", docs.size());
        inputs.put("bytes", totalBytes);
        inputs.put("uploadClients", clients);
        inputs.put("bareThreads", bare.get("threads"));
        report.put("inputs", inputs);
        report.put("guildhall", guildhall);
        report.put("bare", bare);
        report.put("ratios", ratios);
        Bench.write("ingest-" + (input.matches("[0-9_]+") ? input.replace("_", "") : "folder"), report);
    }

    /** The files of a real-document folder, spread over the 20 groups in turn, titled by their names. */
    static List<Corpus.Doc> realCorpus(Path folder) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.filter(Files::isRegularFile).filter(p -> !NOT_DOCUMENTS.contains(p.getFileName().toString()))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
        List<Corpus.Doc> docs = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path p = paths.get(i);
            docs.add(new Corpus.Doc(folder.relativize(p).toString(), Corpus.group(i % Corpus.GROUPS), "real",
                    p.getFileName().toString(), List.of(), "", LocalDate.of(2026, 1, 1), (int) Files.size(p)));
        }
        return docs;
    }

    // --- the bare pipeline --------------------------------------------------------------------

    static Map<String, Object> bare(Path files, List<Corpus.Doc> docs) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        Path index = Bench.OUT.resolve("ingest-bare-index");
        deleteTree(index);
        AtomicInteger indexed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        AtomicLong heapPeak = new AtomicLong();
        List<String> skipped = new ArrayList<>();
        System.out.println("Bare pipeline: Tika in-process + Lucene IndexWriter, " + threads + " threads");
        double cpuBefore = ownCpuSeconds();
        long start = System.nanoTime();
        try (IndexSearch lucene = IndexSearch.open(index)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            ThreadLocal<AutoDetectParser> parsers = ThreadLocal.withInitial(AutoDetectParser::new);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                Corpus.Doc doc = docs.get(i);
                if (BARE_SKIPS.contains(Path.of(doc.file()).getFileName().toString())) {
                    skipped.add(doc.file());
                    continue;
                }
                long id = i + 1;
                futures.add(pool.submit(() -> {
                    Path file = files.resolve(doc.file());
                    BodyContentHandler text = new BodyContentHandler(5_000_000);
                    Metadata metadata = new Metadata();
                    try (InputStream in = TikaInputStream.get(file, metadata)) {
                        parsers.get().parse(in, text, metadata, new ParseContext());
                    } catch (Exception | StackOverflowError e) {
                        errors.incrementAndGet();
                    }
                    bytes.addAndGet(Files.size(file));
                    String type = DocumentTypes.kind(metadata.get(Metadata.CONTENT_TYPE));
                    Instant date = doc.date().atStartOfDay(ZoneOffset.UTC).toInstant();
                    lucene.index(new SearchDocument("doc-" + id, SearchDocument.Kind.DOCUMENT, 1 + Corpus.GROUPS,
                            doc.group(), doc.title(), List.of(new SearchDocument.Part(null, text.toString())), Path.of(doc.file()).getFileName().toString(),
                            doc.tags(), doc.author(), type, date, 1));
                    indexed.incrementAndGet();
                    Runtime rt = Runtime.getRuntime();
                    heapPeak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                    return null;
                }));
            }
            int done = 0;
            for (Future<?> f : futures) {
                try {
                    f.get(120, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    timeouts.incrementAndGet();
                    f.cancel(true);
                }
                if (++done % 500 == 0) {
                    System.out.printf(Locale.ROOT, "... %d parsed and indexed (%.0f s)%n", done, (System.nanoTime() - start) / 1e9);
                }
            }
            pool.shutdownNow();
            lucene.commit(1);
            lucene.refresh();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", threads);
        m.put("indexed", indexed.get());
        m.put("parseErrors", errors.get());
        m.put("timeouts", timeouts.get());
        m.put("skipped", skipped);
        m.put("bytes", bytes.get());
        m.put("seconds", Bench.round(seconds));
        m.put("docsPerSecond", Bench.round(indexed.get() / seconds));
        m.put("mbPerSecond", Bench.round(bytes.get() / 1e6 / seconds));
        m.put("heapUsedPeakBytes", heapPeak.get());
        m.put("cpuSeconds", Bench.round(ownCpuSeconds() - cpuBefore));
        System.out.printf(Locale.ROOT, "Bare pipeline: %d files in %.1f s (%d parse errors, %d timeouts, %d skipped)%n",
                indexed.get(), seconds, errors.get(), timeouts.get(), skipped.size());
        return m;
    }

    // --- Guildhall ------------------------------------------------------------------------------

    static Map<String, Object> guildhall(Path files, List<Corpus.Doc> docs, int clients) throws Exception {
        Path data = Bench.OUT.resolve("ingest-data");
        deleteTree(data);
        Files.deleteIfExists(data.resolveSibling("ingest-data-payara.log"));
        long stall = Long.getLong("bench.stall-seconds", 180);
        try (Guild guild = Guild.start(data)) {
            guild.setUp();
            long base = Math.max(0, guild.searchable());
            Guild.Cpu cpuBefore = guild.cpu();
            AtomicLong bytes = new AtomicLong();
            double[] first = {Double.NaN};
            long start = System.nanoTime();
            // "searchable" means findable by its text: the document is in the index (its entry is
            // written when it is stored) and its extraction job has finished (the text is then
            // written and refreshed before the next poll can see the job finished)
            Thread poller = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted() && Double.isNaN(first[0])) {
                    long inIndex = guild.searchable() - base;
                    long unfinished = guild.extractionsUnfinished();
                    if (inIndex > 0 && unfinished >= 0 && unfinished < inIndex) {
                        first[0] = (System.nanoTime() - start) / 1e9;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            int stored = guild.uploadAll(files, docs, clients, bytes);
            double uploaded = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "Uploaded %d files in %.1f s, %d stored; waiting until their text is searchable%n", docs.size(), uploaded, stored);
            double lastSearchable = (guild.awaitSearchable(base, stored, Duration.ofSeconds(stall), Duration.ofMillis(100), Duration.ofSeconds(15))
                    - start) / 1e9;
            poller.interrupt();
            long searchable = guild.searchable() - base;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("uploaded", docs.size());
            m.put("stored", stored);
            m.put("searchable", searchable);
            m.put("bytes", bytes.get());
            m.put("uploadSeconds", Bench.round(uploaded));
            m.put("firstSearchableSeconds", Bench.round(first[0]));
            m.put("lastSearchableSeconds", Bench.round(lastSearchable));
            m.put("seconds", Bench.round(lastSearchable));
            m.put("docsPerSecond", Bench.round(searchable / lastSearchable));
            m.put("mbPerSecond", Bench.round(bytes.get() / 1e6 / lastSearchable));
            Guild.Cpu cpu = guild.cpu().minus(cpuBefore);
            m.put("cpuSecondsServer", Bench.round(cpu.server()));
            m.put("cpuSecondsExtractors", Bench.round(cpu.extractors()));
            m.put("peakServerRssBytes", guild.serverHighWaterMark());
            m.put("peakExtractorsRssBytes", guild.peakChildrenRss);
            m.put("serverLog", data.resolveSibling("ingest-data-payara.log").toString());
            return m;
        }
    }

    /** CPU seconds this JVM has used: the bare pipeline's, measured around it. */
    static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
