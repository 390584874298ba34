package org.guildhall.extraction.control;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.guildhall.extraction.control.ExtractionResult.Outcome;

/**
 * Extracts every file of the shared real-document corpus with {@link ForkedExtractor} (default
 * settings: 2 clients, 60 s, 512 MB) and compares it, file by file, with what stock Tika 3.3.1 did
 * in-process ({@code tika-3.3.1-baseline.tsv}). Run by {@code scripts/extract-corpus}.
 * <p>
 * Arguments: the corpus folder; optionally the class path for the children (default: ours) and a
 * TSV file to write every outcome to.
 */
public class CorpusRun {

    record Baseline(String status, long chars) {
        boolean gotText() {
            return status.equals("OK") && chars > 0;
        }
    }

    record Row(String path, ExtractionResult result, long millis) {
        int chars() {
            return result.parts().stream().mapToInt(p -> p.text().length()).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus/documents").toAbsolutePath().normalize();
        String childClasspath = args.length > 1 && !args[1].isBlank() ? args[1] : System.getProperty("java.class.path");
        Path report = Path.of(args.length > 2 ? args[2] : "target/extract-corpus.tsv");
        Map<String, Baseline> baseline = baseline(corpus.resolve("tika-3.3.1-baseline.tsv"));
        List<String> files = files(corpus);
        Path work = Files.createTempDirectory("guildhall-extract-corpus");
        ExtractorSettings settings = ExtractorSettings.of(corpus, work, childClasspath);
        System.out.printf(Locale.ROOT, "%d files under %s, %d clients, timeout %d ms, heap %d MB, write limit %d%n",
                files.size(), corpus, settings.numClients(), settings.timeoutMillis(), settings.heapMb(),
                settings.writeLimitChars());

        List<Row> rows = new ArrayList<>();
        long start = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(settings.numClients());
        try (ForkedExtractor extractor = new ForkedExtractor(settings)) {
            List<Future<Row>> futures = new ArrayList<>();
            for (String file : files) {
                futures.add(threads.submit(() -> {
                    long t = System.nanoTime();
                    ExtractionResult result = extractor.extract(file);
                    return new Row(file, result, (System.nanoTime() - t) / 1_000_000);
                }));
            }
            for (Future<Row> future : futures) {
                rows.add(future.get());
                if (rows.size() % 250 == 0) {
                    System.out.printf(Locale.ROOT, "... %d files%n", rows.size());
                }
            }
        } finally {
            threads.shutdownNow();
            PipesConfiguration.clearChildTemp(work);
            try (Stream<Path> leftovers = Files.walk(work)) {
                leftovers.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        printByFormat(rows);
        printMismatches(corpus, rows, baseline);
        printSlowest(rows);
        Map<Outcome, Integer> totals = new EnumMap<>(Outcome.class);
        rows.forEach(r -> totals.merge(r.result().outcome(), 1, Integer::sum));
        System.out.printf(Locale.ROOT, "%nTotals: %s%n%d files in %.1f s: %.1f files/s%n", totals, rows.size(), seconds,
                rows.size() / seconds);
        write(report, rows, baseline);
        System.out.println("Every outcome: " + report.toAbsolutePath());
    }

    static Map<String, Baseline> baseline(Path tsv) throws IOException {
        Map<String, Baseline> baseline = new HashMap<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            baseline.put(f[0], new Baseline(f[1], Long.parseLong(f[2])));
        }
        return baseline;
    }

    /** Every document: all files but the corpus's own description at its top level. */
    static List<String> files(Path corpus) throws IOException {
        try (Stream<Path> paths = Files.walk(corpus)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().equals(corpus))
                    .map(p -> corpus.relativize(p).toString())
                    .sorted().toList();
        }
    }

    static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "(none)" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static void printByFormat(List<Row> rows) {
        Map<String, Map<Outcome, Integer>> byFormat = new TreeMap<>();
        for (Row row : rows) {
            byFormat.computeIfAbsent(extension(row.path()), e -> new EnumMap<>(Outcome.class))
                    .merge(row.result().outcome(), 1, Integer::sum);
        }
        System.out.printf(Locale.ROOT, "%n%-12s %6s %6s %6s %9s %6s %7s%n", "format", "files", "DONE", "EMPTY",
                "ENCRYPTED", "FAILED", "TIMEOUT");
        byFormat.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Map<Outcome, Integer>> e) ->
                        -e.getValue().values().stream().mapToInt(Integer::intValue).sum()).thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    Map<Outcome, Integer> c = e.getValue();
                    System.out.printf(Locale.ROOT, "%-12s %6d %6d %6d %9d %6d %7d%n", e.getKey(),
                            c.values().stream().mapToInt(Integer::intValue).sum(), c.getOrDefault(Outcome.DONE, 0),
                            c.getOrDefault(Outcome.EMPTY, 0), c.getOrDefault(Outcome.ENCRYPTED, 0),
                            c.getOrDefault(Outcome.FAILED, 0), c.getOrDefault(Outcome.TIMEOUT, 0));
                });
    }

    static void printMismatches(Path corpus, List<Row> rows, Map<String, Baseline> baseline) {
        List<Row> lost = rows.stream().filter(r -> baseline.containsKey(r.path()) && baseline.get(r.path()).gotText()
                && r.result().outcome() != Outcome.DONE).toList();
        System.out.printf(Locale.ROOT, "%nStock Tika got text, ForkedExtractor did not: %d%n", lost.size());
        // the baseline counts characters, white space too: ask stock Tika again what its text was
        List<Row> real = new ArrayList<>();
        for (Row r : lost) {
            String stock = InProcessTika.text(corpus.resolve(r.path()));
            boolean whiteSpace = stock != null && stock.isBlank();
            if (!whiteSpace) {
                real.add(r);
            }
            System.out.printf(Locale.ROOT, "  %s  (Tika: %d chars%s; here: %s, %s)%n", r.path(),
                    baseline.get(r.path()).chars(), whiteSpace ? ", all white space" : "", r.result().outcome(),
                    r.result().reason());
        }
        System.out.printf(Locale.ROOT, "... of which stock Tika's text was more than white space: %d%n", real.size());
        List<Row> gained = rows.stream().filter(r -> baseline.containsKey(r.path()) && !baseline.get(r.path()).gotText()
                && r.result().outcome() == Outcome.DONE).toList();
        System.out.printf(Locale.ROOT, "ForkedExtractor got text, stock Tika did not: %d%n", gained.size());
        gained.forEach(r -> System.out.printf(Locale.ROOT, "  %s  (Tika: %s, %d chars; here: %d chars)%n", r.path(),
                baseline.get(r.path()).status(), baseline.get(r.path()).chars(), r.chars()));
        rows.stream().filter(r -> !baseline.containsKey(r.path()))
                .forEach(r -> System.out.println("  not in the baseline: " + r.path()));
    }

    static void printSlowest(List<Row> rows) {
        System.out.printf(Locale.ROOT, "%nSlowest:%n");
        rows.stream().sorted(Comparator.comparingLong(Row::millis).reversed()).limit(5)
                .forEach(r -> System.out.printf(Locale.ROOT, "  %6d ms  %s  %s%n", r.millis(), r.result().outcome(),
                        r.path()));
    }

    static void write(Path report, List<Row> rows, Map<String, Baseline> baseline) throws IOException {
        Files.createDirectories(report.toAbsolutePath().getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(report, StandardCharsets.UTF_8))) {
            out.println("path\toutcome\tchars\tparts\tms\tcontent_type\ttika_status\ttika_chars\treason");
            for (Row r : rows) {
                Baseline b = baseline.getOrDefault(r.path(), new Baseline("?", -1));
                out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%d\t%s%n", r.path(), r.result().outcome(), r.chars(),
                        r.result().parts().size(), r.millis(), r.result().metadata().contentType(), b.status(), b.chars(),
                        r.result().reason() == null ? "" : r.result().reason().replace('\t', ' ').replace('\n', ' '));
            }
        }
    }
}
