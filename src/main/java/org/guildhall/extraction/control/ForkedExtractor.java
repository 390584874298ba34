package org.guildhall.extraction.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
 * from a bounded executor of about that many threads. All children are replaced, between
 * documents, to shed whatever a long-lived parser JVM accumulates: once one of them holds more
 * resident memory than {@code residentLimitMb}, and in any case after {@code restartAfter}
 * extractions ({@code maxFilesProcessedPerProcess} has no effect in Tika 3.3.1: nothing counts
 * the files). Replacing is not free: each new child starts Tika and compiles it again, which
 * every 500 documents doubled the children's CPU on small files (issue 6), so the count is only
 * the backstop and memory, which is what a leaking parser shows, decides first.
 */
public class ForkedExtractor implements AutoCloseable {

    public static final int DEFAULT_RESTART_AFTER = 5_000;
    /** How often the watchdog looks for stopped children. */
    static final int WATCH_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(ForkedExtractor.class.getName());

    private final ExtractorSettings settings;
    private final PipesConfig config;
    private final int restartAfter;
    private final long residentLimitKb;
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
    /** The generation in which the watchdog saw a child over the memory limit; 0 when none. */
    private volatile int overLimitGeneration;
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
        this(settings, restartAfter, defaultResidentLimitMb(settings.heapMb()));
    }

    /**
     * The heap limit plus what a child's own code and threads take (about 120 MB): past it the
     * heap has grown to its cap, which a leaking child reaches no later than when it would run
     * out of heap and fail a document. The heap limit alone was reached by healthy children with
     * three quarters of their heap in use: on the real corpus both were replaced once or twice
     * per 1,500 documents, each replacement starting and compiling Tika again (issue 6).
     */
    public static int defaultResidentLimitMb(int heapMb) {
        return heapMb + 128;
    }

    /**
     * @param residentLimitMb resident memory (RSS) of one child past which all are replaced after
     *                        their current documents; see {@link #defaultResidentLimitMb}
     */
    public ForkedExtractor(ExtractorSettings settings, int restartAfter, int residentLimitMb) {
        if (restartAfter < 1 || residentLimitMb < 1) {
            throw new IllegalArgumentException("restartAfter and residentLimitMb must be at least 1, not " + restartAfter
                    + " and " + residentLimitMb);
        }
        this.settings = settings;
        this.restartAfter = restartAfter;
        this.residentLimitKb = residentLimitMb * 1024L;
        this.basePath = settings.basePath().toAbsolutePath().normalize();
        this.config = PipesConfiguration.write(settings);
        this.reader = new PipesResultReader(settings.timeoutMillis(), settings.heapMb());
        this.clients = new Semaphore(settings.numClients(), true);
        // children start lazily, on the first document each client gets
        this.parser = new PipesParser(config);
        watchdog.scheduleWithFixedDelay(this::watchChildren, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
    }

    /** One look at this extractor's children (their command line names its work folder) for both checks. */
    private void watchChildren() {
        try {
            // read before the look: a child seen over the limit belongs to this generation or an older one
            int current = generation;
            String marker = settings.workDir().toAbsolutePath().toString();
            List<ProcessHandle> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .filter(child -> child.info().commandLine().orElse("").contains(marker))
                    .toList();
            killStoppedChildren(children);
            markChildrenOverTheMemoryLimit(children, current);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Looking at the extraction processes", e);
        }
    }

    /** A child over the limit gets its generation replaced when its next document ends (see {@link #extractWithCurrentParser}). */
    private void markChildrenOverTheMemoryLimit(List<ProcessHandle> children, int current) {
        // alive again: a stopped child killed just before is no reason to replace the others
        children.stream().filter(ProcessHandle::isAlive).filter(child -> residentKb(child.pid()) > residentLimitKb)
                .findAny()
                .ifPresent(child -> {
                    if (overLimitGeneration != current) {
                        LOG.log(Level.INFO, "Extraction process {0} holds more than {1} MB; the processes are replaced after their current documents",
                                new Object[] {String.valueOf(child.pid()), residentLimitKb / 1024});
                    }
                    overLimitGeneration = current;
                });
    }

    /** VmRSS from /proc in kB; 0 where there is no /proc or the process is gone. */
    static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Children stopped for two looks in a row are killed. */
    private void killStoppedChildren(List<ProcessHandle> children) {
        Map<Long, Integer> seen = new HashMap<>();
        children.stream().filter(child -> isStopped(child.pid())).forEach(child -> {
            int looks = stopped.getOrDefault(child.pid(), 0) + 1;
            if (looks >= 2) {
                LOG.log(Level.WARNING, "Extraction process {0} was stopped and could not answer; it was killed and is replaced",
                        String.valueOf(child.pid()));
                child.destroyForcibly();
            } else {
                seen.put(child.pid(), looks);
            }
        });
        stopped.clear();
        stopped.putAll(seen);
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
        if (extractions >= restartAfter || overLimitGeneration == usedGeneration) {
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
            int extracted = extractionsThisGeneration.getAndSet(0);
            LOG.log(Level.INFO, "Replaced the extraction processes after {0} documents", extracted);
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
    public int generation() {
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
