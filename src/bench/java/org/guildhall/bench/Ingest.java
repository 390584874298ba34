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
import org.guildhall.extraction.control.ExtractionResult;
import org.guildhall.extraction.control.ExtractorSettings;
import org.guildhall.extraction.control.ForkedExtractor;
import org.guildhall.it.PayaraProcess;
import org.guildhall.search.control.IndexSearch;
import org.guildhall.search.control.SearchDocument;

/**
 * {@code scripts/bench ingest [N | folder]}: Guildhall started on a fresh data folder, the files
 * uploaded through the REST API by a few concurrent clients, timed until every stored document
 * is searchable by its text (in the index and its extraction finished); and in the same run the bare pipeline on the same files (Tika in-process and a
 * plain Lucene IndexWriter with Guildhall's document mapping, as many threads as cores, no
 * server, no database). Guildhall's throughput is reported as a ratio to the bare pipeline's.
 * Between the two, Guildhall's own forked extraction feeding the same IndexWriter, with its
 * children replaced as the server replaces them and never replaced: what extracting out of
 * process costs, apart from the web application.
 * <p>
 * For a folder, Guildhall runs a second time on a fresh data folder with several files of a
 * group per request.
 * <p>
 * System properties: {@code bench.clients} (uploaders, 3), {@code bench.stall-seconds} (give up
 * waiting when the count of unfinished extractions has not moved for this long, 180),
 * {@code bench.files-per-request} (the second run's files per request: 10 for a folder, none for
 * generated documents, whose titles and tags such a run does not send; 1 skips it).
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
        Map<String, Object> forked = forked(files, docs, ForkedExtractor.DEFAULT_RESTART_AFTER,
                ForkedExtractor.defaultResidentLimitMb(ExtractorSettings.DEFAULT_HEAP_MB));
        Map<String, Object> forkedLongLived = forked(files, docs, Integer.MAX_VALUE, Integer.MAX_VALUE);
        Map<String, Object> guildhall = guildhall(files, docs, clients, 1);
        // a folder's files are titled by their names and untagged, as a request of several files
        // stores them: the same documents either way. Generated ones have titles and tags of their
        // own, which a request of several files does not carry: batched only when asked
        int perRequest = Integer.getInteger("bench.files-per-request", input.matches("[0-9_]+") ? 1 : 10);
        Map<String, Object> together = perRequest > 1 ? guildhall(files, docs, clients, perRequest) : null;

        double bareDocs = ((Number) bare.get("docsPerSecond")).doubleValue();
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("guildhallToBareDocsPerSecond", toBare(guildhall, bareDocs));
        if (together != null) {
            ratios.put("guildhallSeveralPerRequestToBareDocsPerSecond", toBare(together, bareDocs));
        }
        ratios.put("forkedToBareDocsPerSecond", toBare(forked, bareDocs));
        ratios.put("forkedLongLivedToBareDocsPerSecond", toBare(forkedLongLived, bareDocs));
        ratios.put("goal", ">= 0.8");
        ratios.put("met", toBare(guildhall, bareDocs) >= 0.8 || (together != null && toBare(together, bareDocs) >= 0.8));

        List<List<String>> rows = new ArrayList<>();
        rows.add(guildhallRow("Guildhall (REST, " + clients + " clients, one file per request, until searchable)", guildhall, bareDocs));
        if (together != null) {
            rows.add(guildhallRow("Guildhall (REST, " + clients + " clients, up to " + perRequest
                    + " files of a group per request, until searchable)", together, bareDocs));
        }
        rows.add(pipelineRow("bare: Tika in-process + IndexWriter, " + bare.get("threads") + " threads", bare, bareDocs));
        rows.add(pipelineRow("Guildhall's forked extraction (children replaced as the server does: " + forked.get("replacements")
                + " times) + IndexWriter, no server", forked, bareDocs));
        rows.add(pipelineRow("the same, children never replaced", forkedLongLived, bareDocs));
        Bench.table("Ingest: " + docs.size() + " files, " + Bench.f(mb) + " MB (" + inputName + ")",
                List.of("pipeline", "documents", "seconds", "docs/s", "ratio to bare", "MB/s", "first searchable s", "last searchable s", "peak memory MB", "CPU s"),
                rows);

        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("corpus", inputName);
        inputs.put("files", docs.size());
        inputs.put("bytes", totalBytes);
        inputs.put("uploadClients", clients);
        inputs.put("bareThreads", bare.get("threads"));
        inputs.put("filesPerRequest", together == null ? List.of(1) : List.of(1, perRequest));
        report.put("inputs", inputs);
        report.put("guildhall", guildhall);
        if (together != null) {
            report.put("guildhallSeveralPerRequest", together);
        }
        report.put("bare", bare);
        report.put("forked", forked);
        report.put("forkedLongLived", forkedLongLived);
        report.put("ratios", ratios);
        Bench.write("ingest-" + (input.matches("[0-9_]+") ? input.replace("_", "") : "folder"), report);
    }

    /** A table row for Guildhall: its memory and CPU are the server's and its extraction processes'. */
    static List<String> guildhallRow(String name, Map<String, Object> m, double bareDocs) {
        double docs = ((Number) m.get("docsPerSecond")).doubleValue();
        return List.of(name, String.valueOf(m.get("searchable")), Bench.f((double) m.get("seconds")), Bench.f(docs),
                Bench.f2(docs / bareDocs) + " (goal >= 0.8)", Bench.f2((double) m.get("mbPerSecond")),
                Bench.f((double) m.get("firstSearchableSeconds")), Bench.f((double) m.get("lastSearchableSeconds")),
                Bench.f(((Number) m.get("peakServerRssBytes")).longValue() / 1e6) + " (+ extractors "
                        + Bench.f(((Number) m.get("peakExtractorsRssBytes")).longValue() / 1e6) + ")",
                Bench.f((double) m.get("cpuSecondsServer")) + " server" + jitAndGc(m) + " + "
                        + Bench.f((double) m.get("cpuSecondsExtractors")) + " extractors");
    }

    /** A pipeline's documents a second as a ratio of the bare pipeline's, to three decimals. */
    static double toBare(Map<String, Object> pipeline, double bareDocs) {
        return Math.round(((Number) pipeline.get("docsPerSecond")).doubleValue() / bareDocs * 1000) / 1000.0;
    }

    /** " (JIT j, GC g)": of a JVM's CPU seconds, those of its JIT compilers and garbage collector. */
    static String jitAndGc(Map<String, Object> m) {
        return " (JIT " + Bench.f((double) m.get("cpuSecondsJit")) + ", GC " + Bench.f((double) m.get("cpuSecondsGc")) + ")";
    }

    /** A table row for a pipeline without the server: its memory is this JVM's heap, plus its child processes' resident memory. */
    static List<String> pipelineRow(String name, Map<String, Object> m, double bareDocs) {
        double docs = ((Number) m.get("docsPerSecond")).doubleValue();
        double otherCpu = ((Number) m.get("cpuSecondsOtherProcesses")).doubleValue();
        String memory = Bench.f(((Number) m.get("heapUsedPeakBytes")).longValue() / 1e6) + " (heap)"
                + (m.containsKey("peakChildrenRssBytes") ? " + " + Bench.f(((Number) m.get("peakChildrenRssBytes")).longValue() / 1e6) + " children" : "");
        String cpu = Bench.f((double) m.get("cpuSeconds")) + jitAndGc(m) + (otherCpu > 0 ? " + " + Bench.f(otherCpu) + " children" : "");
        return List.of(name, String.valueOf(m.get("indexed")), Bench.f((double) m.get("seconds")), Bench.f(docs), Bench.f2(docs / bareDocs),
                Bench.f2((double) m.get("mbPerSecond")), "-", "-", memory, cpu);
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

    // --- the bare pipeline, and Guildhall's extraction without the server ----------------------

    /** One file's text parts and detected media type. */
    record Extracted(List<SearchDocument.Part> parts, String contentType, boolean failed) {
    }

    /** Turns one file into text; called by as many threads as the pipeline has. */
    @FunctionalInterface
    interface Extraction {
        Extracted extract(Path file, String relativePath);
    }

    static Map<String, Object> bare(Path files, List<Corpus.Doc> docs) throws Exception {
        ThreadLocal<AutoDetectParser> parsers = ThreadLocal.withInitial(AutoDetectParser::new);
        System.out.println("Bare pipeline: Tika in-process + Lucene IndexWriter, " + Runtime.getRuntime().availableProcessors() + " threads");
        return pipeline("ingest-bare-index", files, docs, BARE_SKIPS, (file, relativePath) -> {
            BodyContentHandler text = new BodyContentHandler(5_000_000);
            Metadata metadata = new Metadata();
            boolean failed = false;
            try (InputStream in = TikaInputStream.get(file, metadata)) {
                parsers.get().parse(in, text, metadata, new ParseContext());
            } catch (Exception | StackOverflowError e) {
                failed = true;
            }
            return new Extracted(List.of(new SearchDocument.Part(null, text.toString())), metadata.get(Metadata.CONTENT_TYPE), failed);
        }, () -> 0.0);
    }

    /**
     * Guildhall's own extraction, {@link ForkedExtractor} with the server's settings (two child
     * JVMs, 512 MB each, replaced together after {@code restartAfter} documents or when one holds
     * more than {@code residentLimitMb}), feeding the same
     * IndexWriter as the bare pipeline: no server, no database, no HTTP. Between the bare pipeline
     * and Guildhall, this row is the price of extracting out of process (DESIGN.md: Tika runs in
     * a forked JVM), apart from the price of the web application.
     */
    static Map<String, Object> forked(Path files, List<Corpus.Doc> docs, int restartAfter, int residentLimitMb) throws Exception {
        Path work = Bench.OUT.resolve("ingest-forked-work");
        deleteTree(work);
        ExtractorSettings defaults = ExtractorSettings.of(files, work, System.getProperty("java.class.path"));
        Descendants children = new Descendants(ProcessHandle.current());
        System.out.println("Guildhall's extraction without the server: ForkedExtractor (" + defaults.numClients()
                + " children, replaced after " + restartAfter + " documents or over " + residentLimitMb + " MB) + Lucene IndexWriter");
        Map<String, Object> m;
        int replacements;
        try (ForkedExtractor extractor = new ForkedExtractor(defaults, restartAfter, residentLimitMb)) {
            Thread sampler = children.sampleEvery(200);
            m = pipeline("ingest-forked-index", files, docs, Set.of(), (file, relativePath) -> {
                ExtractionResult result = extractor.extract(relativePath);
                List<SearchDocument.Part> parts = result.parts().stream().map(p -> new SearchDocument.Part(p.path(), p.text())).toList();
                boolean failed = result.outcome() != ExtractionResult.Outcome.DONE && result.outcome() != ExtractionResult.Outcome.EMPTY;
                return new Extracted(parts, result.metadata().contentType(), failed);
            }, children::cpuSeconds);
            sampler.interrupt();
            replacements = extractor.generation() - 1;
        }
        m.put("children", defaults.numClients());
        m.put("restartAfter", restartAfter);
        m.put("residentLimitMb", residentLimitMb);
        m.put("replacements", replacements);
        m.put("peakChildrenRssBytes", children.peakRss());
        return m;
    }

    /**
     * Extracts every file with {@code extraction} on one thread per core and indexes it with
     * Guildhall's document mapping into a plain IndexWriter; {@code otherCpuSeconds} adds the CPU
     * of processes the extraction uses, so far.
     */
    static Map<String, Object> pipeline(String indexName, Path files, List<Corpus.Doc> docs, Set<String> skips, Extraction extraction,
            java.util.function.DoubleSupplier otherCpuSeconds) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        Path index = Bench.OUT.resolve(indexName);
        deleteTree(index);
        AtomicInteger indexed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        AtomicLong heapPeak = new AtomicLong();
        List<String> skipped = new ArrayList<>();
        double cpuBefore = Bench.cpuSeconds(ProcessHandle.current());
        JvmThreads threadsBefore = JvmThreads.of(ProcessHandle.current());
        double otherCpuBefore = otherCpuSeconds.getAsDouble();
        long start = System.nanoTime();
        try (IndexSearch lucene = IndexSearch.open(index)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                Corpus.Doc doc = docs.get(i);
                if (skips.contains(Path.of(doc.file()).getFileName().toString())) {
                    skipped.add(doc.file());
                    continue;
                }
                long id = i + 1;
                futures.add(pool.submit(() -> {
                    Path file = files.resolve(doc.file());
                    Extracted extracted = extraction.extract(file, doc.file());
                    if (extracted.failed()) {
                        errors.incrementAndGet();
                    }
                    bytes.addAndGet(Files.size(file));
                    String type = DocumentTypes.kind(extracted.contentType());
                    Instant date = doc.date().atStartOfDay(ZoneOffset.UTC).toInstant();
                    lucene.index(new SearchDocument("doc-" + id, SearchDocument.Kind.DOCUMENT, 1 + Corpus.GROUPS,
                            doc.group(), doc.title(), extracted.parts(), Path.of(doc.file()).getFileName().toString(),
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
                    System.out.printf(Locale.ROOT, "... %d extracted and indexed (%.0f s)%n", done, (System.nanoTime() - start) / 1e9);
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
        m.put("cpuSeconds", Bench.round(Bench.cpuSeconds(ProcessHandle.current()) - cpuBefore));
        JvmThreads jvmThreads = JvmThreads.of(ProcessHandle.current()).minus(threadsBefore);
        m.put("cpuSecondsJit", Bench.round(jvmThreads.jitSeconds()));
        m.put("cpuSecondsGc", Bench.round(jvmThreads.gcSeconds()));
        m.put("cpuSecondsOtherProcesses", Bench.round(otherCpuSeconds.getAsDouble() - otherCpuBefore));
        System.out.printf(Locale.ROOT, "%s: %d files in %.1f s (%d failed, %d timeouts, %d skipped)%n",
                indexName, indexed.get(), seconds, errors.get(), timeouts.get(), skipped.size());
        return m;
    }

    // --- Guildhall ------------------------------------------------------------------------------

    static Map<String, Object> guildhall(Path files, List<Corpus.Doc> docs, int clients, int perRequest) throws Exception {
        Path data = Bench.OUT.resolve(perRequest == 1 ? "ingest-data" : "ingest-data-" + perRequest + "-per-request");
        deleteTree(data);
        Files.deleteIfExists(PayaraProcess.log(data));
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
            int stored = guild.uploadAll(files, docs, clients, perRequest, bytes);
            double uploaded = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "Uploaded %d files in %.1f s, %d stored; waiting until their text is searchable%n", docs.size(), uploaded, stored);
            double lastSearchable = (guild.awaitSearchable(base, stored, Duration.ofSeconds(stall), Duration.ofMillis(100), Duration.ofSeconds(15))
                    - start) / 1e9;
            poller.interrupt();
            long searchable = guild.searchable() - base;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("filesPerRequest", perRequest);
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
            m.put("cpuSecondsJit", Bench.round(cpu.serverThreads().jitSeconds()));
            m.put("cpuSecondsGc", Bench.round(cpu.serverThreads().gcSeconds()));
            m.put("cpuSecondsExtractors", Bench.round(cpu.extractors()));
            m.put("peakServerRssBytes", guild.serverHighWaterMark());
            m.put("peakExtractorsRssBytes", guild.extractors.peakRss());
            m.put("serverLog", PayaraProcess.log(data).toString());
            return m;
        }
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
