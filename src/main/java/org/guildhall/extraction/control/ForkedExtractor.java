package org.guildhall.extraction.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.pipes.FetchEmitTuple;
import org.apache.tika.pipes.HandlerConfig;
import org.apache.tika.pipes.PipesConfig;
import org.apache.tika.pipes.PipesException;
import org.apache.tika.pipes.PipesParser;
import org.apache.tika.pipes.PipesResult;
import org.apache.tika.pipes.emitter.EmitKey;
import org.apache.tika.pipes.fetcher.FetchKey;
import org.apache.tika.sax.BasicContentHandlerFactory;

/**
 * Extracts text and metadata from files under a base folder, always in forked JVMs (Tika's
 * pipes), never in this one: a parser that crashes, hangs or runs out of memory costs one
 * document and one child, which the next document replaces.
 * <p>
 * Thread-safe. {@link #extract} blocks while all {@code numClients} children are busy, so call it
 * from a bounded executor of about that many threads. After {@code restartAfter} extractions all
 * children are replaced, between documents, to shed whatever a long-lived parser JVM accumulates
 * ({@code maxFilesProcessedPerProcess} has no effect in Tika 3.3.1: nothing counts the files).
 */
public class ForkedExtractor implements AutoCloseable {

    public static final int DEFAULT_RESTART_AFTER = 500;
    /** How often the watchdog looks for stopped children. */
    static final int WATCH_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(ForkedExtractor.class.getName());

    private final ExtractorSettings settings;
    private final PipesConfig config;
    private final int restartAfter;
    private final PipesResultReader reader;
    private final Path basePath;
    /**
     * As many permits as children. PipesParser itself would queue extra callers too, but gives up
     * on them after 60 s, and they would hold the generation lock while they wait.
     */
    private final Semaphore clients;
    /** Extractions share the current PipesParser (read lock); replacing it takes the write lock. */
    private final ReentrantReadWriteLock generationLock = new ReentrantReadWriteLock(true);
    private final AtomicInteger extractionsThisGeneration = new AtomicInteger();
    private volatile PipesParser parser;
    private volatile int generation = 1;
    private volatile boolean closed;
    /**
     * Kills children that are stopped (SIGSTOP, a debugger): Tika's PipesClient pings an idle
     * child before each document and waits for the answer without a time limit, so one stopped
     * child would hold its client, and the document, for ever. A stopped child mid-document is
     * covered by the per-document timeout already; this covers the idle one.
     */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "extraction-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    /** Stopped children seen at the last look, and how many looks in a row. */
    private final Map<Long, Integer> stopped = new HashMap<>();

    public ForkedExtractor(ExtractorSettings settings) {
        this(settings, DEFAULT_RESTART_AFTER);
    }

    public ForkedExtractor(ExtractorSettings settings, int restartAfter) {
        if (restartAfter < 1) {
            throw new IllegalArgumentException("restartAfter must be at least 1, not " + restartAfter);
        }
        this.settings = settings;
        this.restartAfter = restartAfter;
        this.basePath = settings.basePath().toAbsolutePath().normalize();
        this.config = PipesConfiguration.write(settings);
        this.reader = new PipesResultReader(settings.timeoutMillis(), settings.heapMb());
        this.clients = new Semaphore(settings.numClients(), true);
        // children start lazily, on the first document each client gets
        this.parser = new PipesParser(config);
        watchdog.scheduleWithFixedDelay(this::killStoppedChildren, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
    }

    /** Children of this extractor (their command line names its configuration file) stopped for two looks in a row are killed. */
    private void killStoppedChildren() {
        try {
            String marker = settings.workDir().toAbsolutePath().toString();
            Map<Long, Integer> seen = new HashMap<>();
            ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .filter(child -> child.info().commandLine().orElse("").contains(marker))
                    .filter(child -> isStopped(child.pid()))
                    .forEach(child -> {
                        int looks = stopped.getOrDefault(child.pid(), 0) + 1;
                        if (looks >= 2) {
                            LOG.log(Level.WARNING, "Extraction process {0} was stopped and could not answer; it was killed and is replaced",
                                    child.pid());
                            child.destroyForcibly();
                        } else {
                            seen.put(child.pid(), looks);
                        }
                    });
            stopped.clear();
            stopped.putAll(seen);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Looking for stopped extraction processes", e);
        }
    }

    /** State T (stopped) or t (stopped by a tracer) in /proc; false where there is no /proc. */
    static boolean isStopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (command) S ...": the command may hold spaces and parentheses, the state follows the last ')'
            int end = stat.lastIndexOf(')');
            char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
            return state == 'T' || state == 't';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Extracts one file.
     *
     * @param relativePath the file's path under the base folder
     * @throws IllegalArgumentException when the path leaves the base folder
     * @throws IllegalStateException    when this extractor is closed
     * @throws CancellationException    when the calling thread is interrupted or the extractor is
     *                                  closed while it waits or extracts; the thread's interrupt
     *                                  flag is set again. The document has no outcome then: try
     *                                  it again later
     */
    public ExtractionResult extract(String relativePath) {
        Path file = resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            return ExtractionResult.failed("The stored file is missing.");
        }
        ensureOpen();
        try {
            clients.acquire();
        } catch (InterruptedException e) {
            throw cancelled(e);
        }
        try {
            long start = System.nanoTime();
            ExtractionResult result = extractWithCurrentParser(basePath.relativize(file).toString());
            LOG.log(Level.FINE, "Extracted {0}: {1} in {2} ms",
                    new Object[] {relativePath, result.outcome(), (System.nanoTime() - start) / 1_000_000});
            return result;
        } finally {
            clients.release();
        }
    }

    private ExtractionResult extractWithCurrentParser(String fetchKey) {
        int usedGeneration;
        int extractions;
        PipesResult result;
        generationLock.readLock().lock();
        try {
            if (closed) {
                throw new CancellationException("The extractor was closed before extraction began");
            }
            usedGeneration = generation;
            result = parser.parse(tuple(fetchKey));
            // counted under the read lock, so every count lands in the generation that did the work
            extractions = extractionsThisGeneration.incrementAndGet();
        } catch (InterruptedException e) {
            throw cancelled(e);
        } catch (CancellationException e) {
            throw e;
        } catch (IOException | RuntimeException | PipesException e) {
            if (closed) {
                throw new CancellationException("The extractor was closed during extraction");
            }
            // e.g. a child that cannot start: a wrong class path or java, or no memory for it
            LOG.log(Level.SEVERE, e, () -> "Extraction could not run for " + fetchKey);
            return ExtractionResult.failed("Extraction could not be started; the administrators have been told.");
        } finally {
            generationLock.readLock().unlock();
        }
        if (closed) {
            // close() killed the child under us: what came back is an artefact of that
            throw new CancellationException("The extractor was closed during extraction");
        }
        if (extractions >= restartAfter) {
            replaceChildren(usedGeneration);
        }
        return reader.read(result);
    }

    private FetchEmitTuple tuple(String fetchKey) {
        ParseContext context = new ParseContext();
        // must stay Serializable: the tuple travels to the child. BODY, not TEXT: TEXT also takes
        // the XHTML head, so every part starts with its title again and a picture's "text" is
        // its own name (/docProps/thumbnail.jpeg); BODY is what stock Tika's text is
        context.set(HandlerConfig.class, new HandlerConfig(BasicContentHandlerFactory.HANDLER_TYPE.BODY,
                HandlerConfig.PARSE_MODE.RMETA, settings.writeLimitChars(), settings.maxEmbedded(), false));
        return new FetchEmitTuple(fetchKey, new FetchKey(PipesConfiguration.FETCHER, fetchKey), new EmitKey(),
                new Metadata(), context, FetchEmitTuple.ON_PARSE_EXCEPTION.EMIT);
    }

    /**
     * Closes the PipesParser (killing its children) and makes a new one, once no extraction is
     * using it. Only the first thread to get here for a generation does it.
     */
    private void replaceChildren(int usedGeneration) {
        generationLock.writeLock().lock();
        try {
            if (closed || generation != usedGeneration) {
                return;
            }
            closeQuietly(parser);
            PipesConfiguration.clearChildTemp(settings.workDir());
            parser = new PipesParser(config);
            generation++;
            extractionsThisGeneration.set(0);
            LOG.log(Level.INFO, "Replaced the extraction processes after {0} documents", restartAfter);
        } finally {
            generationLock.writeLock().unlock();
        }
    }

    /** Kills the children at once; extractions under way end with a CancellationException. */
    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        closeQuietly(parser);
        // waits for the killed extractions to leave, and for a replacement under way to finish
        generationLock.writeLock().lock();
        try {
            closeQuietly(parser);
            PipesConfiguration.clearChildTemp(settings.workDir());
        } finally {
            generationLock.writeLock().unlock();
        }
    }

    /** How many times the children were replaced, plus one. */
    int generation() {
        return generation;
    }

    private Path resolve(String relativePath) {
        if (relativePath == null || relativePath.isBlank() || relativePath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Not a relative file path: " + relativePath);
        }
        Path file = basePath.resolve(relativePath).normalize();
        if (Path.of(relativePath).isAbsolute() || !file.startsWith(basePath) || file.equals(basePath)) {
            throw new IllegalArgumentException("Not a path under the base folder: " + relativePath);
        }
        return file;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The extractor is closed");
        }
    }

    private static CancellationException cancelled(InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException("Extraction was interrupted");
        cancelled.initCause(e);
        return cancelled;
    }

    private static void closeQuietly(PipesParser parser) {
        try {
            parser.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not stop every extraction process", e);
        }
    }
}
