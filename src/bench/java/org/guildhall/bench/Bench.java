package org.guildhall.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark harness (issue 6), run by {@code scripts/bench}: {@code corpus N}, {@code ingest},
 * {@code search}, {@code pages}. Each benchmark prints a table and writes a JSON report under
 * {@code target/bench/}. Benchmarks report; they never fail on timing.
 */
public final class Bench {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).findAndRegisterModules();
    static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();

    /**
     * PDFBox warns once per generated PDF that it draws Helvetica with Liberation Sans, which
     * buried the corpus generator's output. Held here: the logging framework keeps loggers weakly.
     */
    private static final java.util.logging.Logger PDF_FONTS = java.util.logging.Logger.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench corpus N | ingest [N|folder] | prepare [N] | search [N] | pages [N]");
            System.exit(2);
        }
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        PDF_FONTS.setLevel(java.util.logging.Level.SEVERE);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "corpus" -> Corpus.main(rest);
            case "ingest" -> Ingest.main(rest);
            case "search" -> Search.main(rest);
            case "prepare" -> Search.prepareOnly(rest.length > 0 ? Integer.parseInt(rest[0].replace("_", "")) : 1000);
            case "pages" -> Pages.main(rest);
            default -> {
                System.err.println("unknown benchmark " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /** The machine, JDK and versions, for every report. */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        long total = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        m.put("memoryBytes", total);
        m.put("cpu", cpuModel());
        m.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return m;
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    static Map<String, Object> versions() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("lucene", org.apache.lucene.util.Version.LATEST.toString());
        v.put("tika", org.apache.tika.Tika.class.getPackage().getImplementationVersion());
        v.put("payaraMicro", System.getProperty("bench.payara.version", "7.2025.1"));
        v.put("solr", "9.10.1 (Lucene 9.12, own JVM)");
        try {
            v.put("guildhallCommit", new String(new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start()
                    .getInputStream().readAllBytes()).strip());
        } catch (IOException e) {
            v.put("guildhallCommit", "?");
        }
        return v;
    }

    /** Writes the report as target/bench/{name}.json (and a time-stamped copy) and says where. */
    static Path write(String name, Map<String, Object> report) throws IOException {
        Files.createDirectories(OUT);
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("benchmark", name);
        full.put("at", Instant.now().toString());
        full.put("machine", machine());
        full.put("versions", versions());
        full.putAll(report);
        Path file = OUT.resolve(name + ".json");
        JSON.writeValue(file.toFile(), full);
        System.out.println("Report: " + file);
        return file;
    }

    /** Latencies of one run, in nanoseconds, with their summary. */
    record Latencies(String what, int concurrency, long[] nanos, double seconds, int errors) {

        double percentileMillis(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }

        double perSecond() {
            return nanos.length / seconds;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", what);
            m.put("concurrency", concurrency);
            m.put("requests", nanos.length);
            m.put("errors", errors);
            m.put("seconds", round(seconds));
            m.put("perSecond", round(perSecond()));
            m.put("p50Millis", round(percentileMillis(50)));
            m.put("p95Millis", round(percentileMillis(95)));
            m.put("p99Millis", round(percentileMillis(99)));
            m.put("maxMillis", round(percentileMillis(100)));
            return m;
        }
    }

    /** CPU seconds a process has used so far (0 where the system does not say). */
    static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    /** Prints a plain table: a header row and rows of cells, columns as wide as their widest cell. */
    static void table(String title, List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        System.out.println();
        System.out.println(title);
        for (int r = 0; r < all.size(); r++) {
            StringBuilder line = new StringBuilder("| ");
            for (int i = 0; i < widths.length; i++) {
                String cell = i < all.get(r).size() ? all.get(r).get(i) : "";
                line.append(i == 0 ? String.format("%-" + widths[i] + "s", cell) : String.format("%" + widths[i] + "s", cell)).append(" | ");
            }
            System.out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : widths) {
                    rule.append("-".repeat(w + 2)).append("|");
                }
                System.out.println(rule);
            }
        }
    }

    static String f(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, d >= 100 ? "%.0f" : "%.1f", d);
    }

    static String f2(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }

    static List<String> latencyRow(Latencies l) {
        return List.of(l.what(), String.valueOf(l.concurrency()), String.valueOf(l.nanos().length), f(l.percentileMillis(50)),
                f(l.percentileMillis(95)), f(l.percentileMillis(99)), f(l.perSecond()), String.valueOf(l.errors()));
    }

    static final List<String> LATENCY_HEADER = List.of("what", "conc.", "requests", "p50 ms", "p95 ms", "p99 ms", "req/s", "errors");
}
