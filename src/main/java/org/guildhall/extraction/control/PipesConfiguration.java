package org.guildhall.extraction.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.pipes.PipesConfig;

/**
 * Writes what Tika's pipes children read at start-up into the work folder, and builds the
 * {@link PipesConfig} this JVM uses to fork them.
 * <p>
 * The file holds only what the children need: the file-system fetcher (they read the path of
 * the file again themselves, so it must be a real file: {@code PipesConfig.load(InputStream)}
 * leaves it unset and forking fails). What this side needs (java, JVM arguments, timeouts) is set
 * through setters, which spares XML-escaping a class path.
 */
class PipesConfiguration {

    static final String FETCHER = "fs";
    private static final String CONFIG_FILE = "tika-pipes.xml";
    private static final String LOGGING_FILE = "child-logging.properties";
    private static final String CHILD_TMP = "child-tmp";

    private PipesConfiguration() {
    }

    static PipesConfig write(ExtractorSettings settings) {
        try {
            Files.createDirectories(settings.workDir());
            Path config = settings.workDir().resolve(CONFIG_FILE).toAbsolutePath();
            Files.writeString(config, configXml(settings.basePath()));
            Path logging = settings.workDir().resolve(LOGGING_FILE).toAbsolutePath();
            Files.writeString(logging, LOGGING);
            Path tmp = settings.workDir().resolve(CHILD_TMP).toAbsolutePath();
            clearChildTemp(settings.workDir());
            Files.createDirectories(tmp);

            PipesConfig pipes = PipesConfig.load(config);
            pipes.setNumClients(settings.numClients());
            pipes.setTimeoutMillis(settings.timeoutMillis());
            // -1: results come back to us; otherwise each child looks for emitters at start and fails
            pipes.setMaxForEmitBatchBytes(-1);
            pipes.setJavaPath(settings.javaPath());
            // the default is 240 s, and PipesClient then sleeps as long again before it retries
            pipes.setStartupTimeoutMillis(120_000);
            pipes.setSleepOnStartupTimeoutMillis(5_000);
            pipes.setForkedJvmArgs(List.of(
                    "-Xmx" + settings.heapMb() + "m",
                    // a short-lived, single-document JVM: serial GC and C1 only roughly doubled
                    // throughput over the corpus (STACK.md)
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:-UsePerfData",
                    "-Djava.awt.headless=true",
                    "-Djava.io.tmpdir=" + tmp,
                    "-Djava.util.logging.config.file=" + logging,
                    // PipesClient only recognises -cp and --classpath, not -classpath
                    "-cp", settings.childClasspath()));
            return pipes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the extraction configuration to " + settings.workDir(), e);
        } catch (TikaConfigException e) {
            throw new IllegalStateException("Tika rejected the generated pipes configuration", e);
        }
    }

    /**
     * Children killed for a timeout or out of memory leave their spooled temporary files behind;
     * they live in a folder of our own, emptied whenever no child runs.
     */
    static void clearChildTemp(Path workDir) {
        Path tmp = workDir.resolve(CHILD_TMP);
        if (!Files.isDirectory(tmp)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(tmp)).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // another run's leftovers are harmless; the next clean-up tries again
                }
            });
        } catch (IOException e) {
            // as above
        }
    }

    private static String configXml(Path basePath) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- written by Guildhall's ForkedExtractor at start-up; edits are overwritten -->
                <properties>
                  <fetchers>
                    <fetcher class="org.apache.tika.pipes.fetcher.fs.FileSystemFetcher">
                      <name>%s</name>
                      <basePath>%s</basePath>
                    </fetcher>
                  </fetchers>
                </properties>
                """.formatted(FETCHER, xmlText(basePath.toAbsolutePath().normalize().toString()));
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The children's stdout is their channel back to us and their stderr lands in the server's
     * log. Every per-document problem comes back in the result, so they log only what breaks a
     * child itself (e.g. "couldn't initialize parser", out of memory). The parsers stay silent:
     * POI logs damaged Word files at ERROR with a stack trace per paragraph, 275,000 lines over
     * the corpus.
     */
    private static final String LOGGING = """
            handlers=java.util.logging.ConsoleHandler
            .level=OFF
            org.apache.tika.pipes.level=SEVERE
            java.util.logging.ConsoleHandler.level=SEVERE
            java.util.logging.SimpleFormatter.format=[extraction child] %4$s %3$s: %5$s%6$s%n
            """;
}
