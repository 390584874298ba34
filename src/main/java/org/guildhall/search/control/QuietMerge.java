package org.guildhall.search.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.util.IORunnable;
import org.apache.lucene.util.IOSupplier;

/**
 * Merges a fragmented index into one segment once nothing has been written to it for a while
 * (see {@link IndexLayout} for why that pays). {@link SearchIndex} calls {@link #look} every 10 s
 * from its scheduler's one thread. The merge runs on Lucene's merge threads, so searches answer
 * from the old segments and writes go on into new ones meanwhile; a later look opens and commits
 * the merged segment.
 */
final class QuietMerge {

    private static final Logger LOG = Logger.getLogger(QuietMerge.class.getName());

    private final Duration quietTime;
    /** Free bytes where the index lies; a seam for tests, which cannot fill a disk. */
    private final IOSupplier<Long> freeSpace;

    private volatile IndexLayout layout;
    /** The layout the running merge started from; null when none runs. */
    private volatile IndexLayout from;
    /** The index the running merge works on: a recovery replaces the index, and with it any merge. */
    private volatile IndexSearch on;
    private volatile long startedNanos;
    private volatile Instant lastAt;
    private volatile String last;
    private volatile boolean lowSpaceWarned;

    /** @param quietTime how long the index must go without writes; zero or negative never merges */
    QuietMerge(Duration quietTime, Path folder) {
        this(quietTime, () -> Files.getFileStore(folder).getUsableSpace());
    }

    QuietMerge(Duration quietTime, IOSupplier<Long> freeSpace) {
        this.quietTime = quietTime;
        this.freeSpace = freeSpace;
    }

    /**
     * Notes the index's layout; commits a merge that has finished; starts one when the index has
     * been quiet long enough, the layout says it would pay and there is room for the copy.
     *
     * @param mayStart false while the index is rebuilt, replayed or checked: those write to it
     * @param commit   makes what the index holds durable: the merged segment replaces the old
     *                 ones only in a commit
     */
    void look(IndexSearch current, boolean mayStart, IORunnable commit) {
        if (current == null || current.isBroken()) {
            return;
        }
        try {
            layout = current.layout();
        } catch (IOException | RuntimeException e) {
            // closed by a shutdown or a recovery since it was handed over: the next look sees the new one
            LOG.log(Level.FINE, "Reading the search index's layout", e);
            return;
        }
        try {
            if (from != null && on != current) {
                from = null;
            }
            if (from != null) {
                if (!current.isMerging()) {
                    finish(current, commit);
                }
                return;
            }
            if (quietTime.isZero() || quietTime.isNegative() || !mayStart || current.quietFor().compareTo(quietTime) < 0
                    || !layout.worthCompacting()) {
                return;
            }
            long usable = freeSpace.get();
            // the merged copy is written beside the segments it replaces, which stay until the next commit
            if (usable < 2 * layout.bytes()) {
                // once, not every 10 s
                LOG.log(lowSpaceWarned ? Level.FINE : Level.WARNING, "Not merging the search index''s {0} segments: {1} MB free, {2} MB needed",
                        new Object[] {layout.segments(), usable >> 20, (2 * layout.bytes()) >> 20});
                lowSpaceWarned = true;
                return;
            }
            lowSpaceWarned = false;
            LOG.log(Level.INFO, "Merging the search index into one segment: {0} segments, {1} entries of which {2} deleted, {3} MB",
                    new Object[] {layout.segments(), layout.documents(), layout.deleted(), layout.bytes() >> 20});
            from = layout;
            on = current;
            startedNanos = System.nanoTime();
            current.compact();
        } catch (IOException | RuntimeException e) {
            from = null;
            LOG.log(Level.WARNING, "Merging the search index failed; searches go on over its segments", e);
        }
    }

    private void finish(IndexSearch current, IORunnable commit) throws IOException {
        IndexLayout merged = from;
        from = null;
        current.reopen();
        commit.run();
        layout = current.layout();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        lastAt = Instant.now();
        // seen by the next look, so the time is an upper bound
        last = String.format(Locale.ROOT, "%d segments (%d deleted entries) merged into %d within %d s",
                merged.segments(), merged.deleted(), layout.segments(), seconds);
        LOG.log(Level.INFO, "Search index merged: {0}", last);
    }

    /** The layout the last look saw; null before the first. */
    IndexLayout layout() {
        return layout;
    }

    boolean running() {
        return from != null;
    }

    Instant lastAt() {
        return lastAt;
    }

    /** What the last finished merge did, for administrators; null when none finished since start-up. */
    String last() {
        return last;
    }
}
