package org.guildhall.extraction.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.guildhall.documents.control.BlobStore;
import org.guildhall.documents.control.ExtractionRetry;
import org.guildhall.documents.control.FileNames;
import org.guildhall.documents.control.VersionStored;
import org.guildhall.platform.boundary.Bootstrap;
import org.guildhall.platform.control.DataFolder;

/**
 * Drains the extraction queue: a poll every second (and at once after an upload) leases as
 * many jobs as there are free extraction processes and runs each on the managed executor; a
 * worker that finishes a job leases the next in the same commit and runs it itself.
 * Parsing happens only in the forked JVMs of {@link ForkedExtractor}, never here.
 */
@ApplicationScoped
public class ExtractionWorkers {

    private static final Logger LOG = Logger.getLogger(ExtractionWorkers.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ExtractionQueue queue;

    @Inject
    BlobStore blobs;

    @Inject
    DataFolder dataFolder;

    @Inject
    Bootstrap bootstrap;

    @Inject
    @ConfigProperty(name = "guildhall.extraction.processes", defaultValue = "2")
    int processes;

    @Inject
    @ConfigProperty(name = "guildhall.extraction.timeout-seconds", defaultValue = "60")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "guildhall.extraction.heap-mb", defaultValue = "512")
    int heapMb;

    /** True while this is the only node on the database; several nodes must set it false. */
    @Inject
    @ConfigProperty(name = "guildhall.extraction.single-node", defaultValue = "true")
    boolean singleNode;

    private volatile boolean resumed;

    private ForkedExtractor extractor;
    private Semaphore free;
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean stopped;
    /** While the queue cannot be read (the database is away), polls back off up to half a minute. */
    private volatile long pausedUntil;
    private volatile int failures;

    void start(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        String lib = context.getRealPath("/WEB-INF/lib");
        String classes = context.getRealPath("/WEB-INF/classes");
        String classpath = lib + File.separator + "*" + File.pathSeparator + classes;
        extractor = new ForkedExtractor(new ExtractorSettings(dataFolder.root(), dataFolder.folder("tmp"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), classpath,
                processes, TimeUnit.SECONDS.toMillis(timeoutSeconds), heapMb, 5_000_000, 1000));
        free = new Semaphore(processes);
        scheduler.scheduleWithFixedDelay(this::drain, 2, 1, TimeUnit.SECONDS);
        LOG.log(Level.INFO, "Text extraction: {0} forked Tika processes, {1} MB heap and {2} s per document",
                new Object[]{processes, heapMb, timeoutSeconds});
    }

    /** Right after an upload commits, without waiting for the next poll. */
    void uploaded(@Observes(during = TransactionPhase.AFTER_SUCCESS) VersionStored stored) {
        resume();
    }

    void retried(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExtractionRetry retry) {
        resume();
    }

    /**
     * A transaction just committed, so the database is there: no reason to sit out a back-off
     * pause. With every process busy there is nothing to start: the next one to finish drains
     * the queue (its job is committed by then), and the poll runs every second anyway. Payara
     * looks up service files on the class path for each task handed to a managed executor; one
     * task per upload was 6 % of the upload threads' time while 100,000 documents were loaded
     * (issue 6).
     */
    private void resume() {
        pausedUntil = System.nanoTime();
        Semaphore slots = free;
        if (slots == null || slots.availablePermits() > 0) {
            executor.execute(this::drain);
        }
    }

    void drain() {
        if (stopped || extractor == null || !bootstrap.isReady() || (failures > 0 && System.nanoTime() - pausedUntil < 0)
                || !draining.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!resumed) {
                if (singleNode) {
                    queue.releaseAll();
                    clearNamedLinks();
                }
                resumed = true;
            }
            int slots = free.availablePermits();
            if (slots == 0) {
                return;
            }
            List<ExtractionQueue.Lease> leases = queue.claim(slots, leaseTime());
            if (failures > 0) {
                LOG.log(Level.INFO, "The extraction queue can be read again after {0} failed poll(s)", failures);
                failures = 0;
            }
            for (ExtractionQueue.Lease lease : leases) {
                free.acquireUninterruptibly();
                executor.execute(() -> work(lease));
            }
        } catch (RuntimeException e) {
            backOff(e);
        } finally {
            draining.set(false);
        }
    }

    /** One warning with the cause per outage, then quiet polls 2, 4, … 30 s apart until the queue answers. */
    private void backOff(RuntimeException e) {
        int failed = ++failures;
        long seconds = Math.min(30, 1L << Math.min(failed, 5));
        pausedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        if (failed == 1) {
            LOG.log(Level.WARNING, "Could not read the extraction queue; trying again with growing pauses (up to 30 s)", e);
        } else {
            LOG.log(Level.FINE, "The extraction queue still cannot be read (" + failed + " tries)", e);
        }
    }

    /**
     * Runs the leased job and then, while jobs are due, the next ones itself, each leased in the
     * transaction that stores the one before: no task handed to the executor (see resume) and no
     * claim of its own per document. When nothing more is due it frees its process slot.
     */
    private void work(ExtractionQueue.Lease first) {
        ExtractionQueue.Lease lease = first;
        try {
            while (lease != null) {
                lease = run(lease);
            }
        } finally {
            free.release();
        }
        if (!stopped) {
            // on this managed thread already: no new task (see resume)
            drain();
        }
    }

    /** @return the job leased for this worker to run next, or null */
    private ExtractionQueue.Lease run(ExtractionQueue.Lease lease) {
        Path named = null;
        try {
            named = namedLink(lease);
            Path file = named != null ? named : blobs.path(lease.sha256());
            ExtractionResult result = extractor.extract(dataFolder.root().relativize(file).toString());
            List<ExtractionQueue.Lease> next = queue.finish(lease, result, stopped ? 0 : 1, leaseTime());
            LOG.log(Level.FINE, "Version {0}: {1}", new Object[]{lease.versionId(), result.outcome()});
            return next.isEmpty() ? null : next.getFirst();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Extraction of version " + lease.versionId() + " could not run; it is queued again", e);
            try {
                queue.giveBack(lease);
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "Could not give back the job of version " + lease.versionId() + "; its lease will run out", again);
            }
            return null;
        } finally {
            if (named != null) {
                try {
                    Files.deleteIfExists(named);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "Leaving {0} for the start-up clean-up", named);
                }
            }
        }
    }

    /**
     * A hard link to the blob named {@code <job>.<extension of the uploaded name>}: blobs have
     * no extension, and Tika needs the name to tell apart the formats whose bytes say too
     * little (EBCDIC or Cyrillic text, Brotli). Null when the name has no usable extension or
     * the link cannot be made; the blob itself is then extracted.
     */
    private Path namedLink(ExtractionQueue.Lease lease) {
        String extension = FileNames.extension(lease.fileName());
        if (!extension.matches("[a-z0-9]{1,10}")) {
            return null;
        }
        try {
            Path folder = Files.createDirectories(dataFolder.folder("tmp").resolve("extract"));
            Path link = folder.resolve(lease.jobId() + "." + extension);
            Files.deleteIfExists(link);
            return Files.createLink(link, blobs.path(lease.sha256()));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.FINE, "No named link for version " + lease.versionId(), e);
            return null;
        }
    }

    /** Links a crash left behind; before the first job of this run, so none of this run's is touched. */
    private void clearNamedLinks() {
        Path folder = dataFolder.folder("tmp").resolve("extract");
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var links = Files.list(folder)) {
            for (Path link : links.toList()) {
                Files.deleteIfExists(link);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not clear " + folder, e);
        }
    }

    /** Long enough for the slowest legal extraction, so a live worker never loses its lease. */
    private Duration leaseTime() {
        return Duration.ofSeconds(timeoutSeconds * 2L + 60);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (extractor != null) {
            try {
                extractor.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Closing the extraction processes", e);
            }
        }
    }
}
