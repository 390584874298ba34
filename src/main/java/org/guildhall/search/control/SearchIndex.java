package org.guildhall.search.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.guildhall.platform.control.ContentChanged;
import org.guildhall.platform.control.ContentChanges;
import org.guildhall.platform.control.DataFolder;
import org.guildhall.platform.entity.ContentChange;

/**
 * The one Lucene index of this node, under {@code data/index} (DESIGN.md rules 3 and 7): one
 * writer; entries written after the owners' transactions commit and refreshed at once; commits
 * every few seconds recording the change sequence they cover. At start-up it checks the files,
 * rebuilds a missing, corrupt or outdated index from the database in the background (searches
 * answer from what is there meanwhile), or replays the changes after the last commit. A
 * periodic check compares database and index per group and repairs drift by itself; the same
 * poll of the change sequence picks up changes made on other nodes.
 */
@ApplicationScoped
public class SearchIndex {

    private static final Logger LOG = Logger.getLogger(SearchIndex.class.getName());
    private static final int PAGE = 500;
    private static final int LOCK_STRIPES = 64;
    /** How long the consistency check gives a change committed during it to reach the index (see {@code check(IndexSource)}). */
    private static final long IN_FLIGHT_GRACE_MILLIS = 2_000;

    @Inject
    DataFolder dataFolder;

    @Inject
    ContentChanges changes;

    @Inject
    @Any
    Instance<IndexSource> sources;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** How often changes are committed to disk and the change sequence is polled. */
    @Inject
    @ConfigProperty(name = "guildhall.search.commit-seconds", defaultValue = "5")
    int commitSeconds;

    @Inject
    @ConfigProperty(name = "guildhall.search.check-minutes", defaultValue = "30")
    int checkMinutes;

    /**
     * Changes made this long before a commit are replayed as well as those numbered after it: a
     * transaction can take its number before, and commit after, another one the index saw.
     */
    @Inject
    @ConfigProperty(name = "guildhall.search.replay-window-minutes", defaultValue = "10")
    int replayWindowMinutes;

    /**
     * Minutes without a write after which a fragmented index is merged into one segment (see
     * {@link IndexLayout}); 0 never merges it.
     */
    @Inject
    @ConfigProperty(name = "guildhall.search.compact-after-quiet-minutes", defaultValue = "10")
    int compactAfterQuietMinutes;

    private volatile IndexSearch index;
    private final Object[] locks = Stream.generate(Object::new).limit(LOCK_STRIPES).toArray();
    /** Replay, check and rebuild one at a time. */
    private final ReentrantLock maintenance = new ReentrantLock();
    private final AtomicLong highestApplied = new AtomicLong();
    private volatile boolean dirty;
    private volatile long polledUpTo;
    private volatile Instant lastPoll = Instant.now();

    private volatile IndexStatus.State state = IndexStatus.State.STARTING;
    private volatile Instant lastCommitAt;
    private volatile long lastCommitSeq;
    private volatile Instant lastCheckAt;
    private volatile String lastCheckResult;
    private volatile Instant lastRepairAt;
    private volatile String lastRepair;
    private final AtomicLong rebuildDone = new AtomicLong();
    private final AtomicLong lastSuspicion = new AtomicLong(System.nanoTime() - 120_000_000_000L);
    private volatile long rebuildTotal;
    private volatile String rebuildReason;
    /** Set at start-up, with the index folder it measures the free space of. */
    private volatile QuietMerge quietMerge;

    // after the schema migration and the demo content (priorities 1 and 300)
    void open(@Observes @Priority(400) Startup startup) {
        Path folder = dataFolder.folder("index");
        String rebuild = null;
        try {
            IndexSearch.verify(folder);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The search index in " + folder + " is corrupt; it is rebuilt from the database", e);
            rebuild = "the index was corrupt (" + e.getClass().getSimpleName() + ")";
            wipe(folder);
        }
        try {
            index = IndexSearch.open(folder);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The search index in " + folder + " cannot be opened; it is rebuilt from the database", e);
            rebuild = "the index could not be opened (" + e.getClass().getSimpleName() + ")";
            wipe(folder);
            try {
                index = IndexSearch.open(folder);
            } catch (IOException again) {
                state = IndexStatus.State.UNAVAILABLE;
                LOG.log(Level.SEVERE, "The search index cannot be created in " + folder + "; search is unavailable", again);
                return;
            }
        }
        IndexSearch.Commit commit = commit();
        if (rebuild == null && commit.isEmpty()) {
            rebuild = "there was no index yet";
        } else if (rebuild == null && !IndexSearch.MAPPING_VERSION.equals(commit.mapping())) {
            rebuild = "the index was written by an earlier version of Guildhall";
        }
        lastCommitAt = commit.committedAt();
        lastCommitSeq = commit.changeSequence();
        highestApplied.set(commit.changeSequence());
        polledUpTo = commit.changeSequence();
        String reason = rebuild;
        if (reason != null) {
            state = IndexStatus.State.REBUILDING;
            rebuildReason = reason;
            scheduler.execute(() -> rebuild(reason));
        } else {
            state = IndexStatus.State.CATCHING_UP;
            scheduler.execute(() -> replay(commit));
        }
        scheduler.scheduleWithFixedDelay(this::poll, commitSeconds, commitSeconds, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::check, checkMinutes, checkMinutes, TimeUnit.MINUTES);
        quietMerge = new QuietMerge(Duration.ofMinutes(compactAfterQuietMinutes), folder);
        scheduler.scheduleWithFixedDelay(this::compactIfQuiet, 10, 10, TimeUnit.SECONDS);
    }

    private IndexSearch.Commit commit() {
        try {
            return index.lastCommit();
        } catch (IOException e) {
            return new IndexSearch.Commit(0, null, null);
        }
    }

    /**
     * An owner's transaction committed a change: the entry follows at once. A change that may
     * hide something (trash, an audience narrowed, a purge) is visible to searches before the
     * changing request is answered; an addition within a second. The change's own
     * number is the entry's stamp: the data is read after its commit, so it is at least that new
     * (a later change read with it makes the entry look older than it is, which costs one more
     * write, never a stale entry that looks current), and no query for the newest number is needed.
     */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentChanged change) {
        IndexSearch current = index;
        if (current == null) {
            return;
        }
        try {
            long operation = write(source(change.kind()), change.entityId(), change.seq());
            if (!change.addition()) {
                current.awaitVisible(operation);
            }
        } catch (IOException | RuntimeException e) {
            // the database keeps the truth: the next poll or consistency check repairs this entry
            LOG.log(Level.WARNING, "Could not update " + change.kind() + " " + change.entityId() + " in the search index", e);
        }
    }

    /**
     * Writes the entity's entry as the database has it now. The change number is read before
     * the data: a change committed in between leaves the entry looking older than it is, which
     * costs one more write, never a stale entry that looks current.
     */
    private long write(IndexSource source, long entityId) throws IOException {
        return write(source, entityId, -1);
    }

    /**
     * @param knownStamp the entity's change number read before this call, or -1 to read it here
     * @return the index operation's number, for {@link IndexSearch#awaitVisible(long)}
     */
    private long write(IndexSource source, long entityId, long knownStamp) throws IOException {
        synchronized (locks[Math.floorMod(Long.hashCode(entityId) * 31 + source.kind().ordinal(), LOCK_STRIPES)]) {
            long stamp = knownStamp >= 0 ? knownStamp : changes.newest(source.kind(), entityId);
            Optional<SearchDocument> entry = source.read(entityId);
            long operation = entry.isPresent() ? index.index(entry.get(), stamp) : index.delete(source.entryId(entityId));
            highestApplied.accumulateAndGet(stamp, Math::max);
            dirty = true;
            return operation;
        }
    }

    /** The sources by kind, looked up once: going through the Instance for every change was 3 % of an extraction worker's time. */
    private volatile Map<ContentChange.Kind, IndexSource> sourcesByKind;

    private IndexSource source(ContentChange.Kind kind) {
        Map<ContentChange.Kind, IndexSource> byKind = sourcesByKind;
        if (byKind == null) {
            byKind = new EnumMap<>(ContentChange.Kind.class);
            for (IndexSource source : sources) {
                byKind.put(source.kind(), source);
            }
            sourcesByKind = byKind;
        }
        IndexSource source = byKind.get(kind);
        if (source == null) {
            throw new IllegalStateException("No index source for " + kind);
        }
        return source;
    }

    /** Start-up: the changes the last commit does not cover, then a consistency check. */
    private void replay(IndexSearch.Commit commit) {
        maintenance.lock();
        try {
            Instant since = commit.committedAt().minus(Duration.ofMinutes(replayWindowMinutes));
            int applied = catchUp(commit.changeSequence(), since);
            LOG.log(Level.INFO, "Search index caught up with the database: {0} change(s) after its last commit applied", applied);
            if (applied > 0) {
                recordRepair(applied + " change(s) made after the last commit replayed at start-up");
            }
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "Replaying changes into the search index failed; the consistency check follows", e);
        } finally {
            maintenance.unlock();
        }
        state = IndexStatus.State.READY;
        check();
    }

    /** Applies changes numbered after {@code afterSeq} or made since {@code since} whose entry is older. */
    private int catchUp(long afterSeq, Instant since) throws IOException {
        int applied = 0;
        long cursor = 0;
        List<ContentChange> page;
        do {
            page = changes.since(afterSeq, since, cursor, PAGE);
            for (ContentChange change : page) {
                IndexSource source = source(change.getKind());
                if (index.stamp(source.entryId(change.getEntityId())) < change.getSeq()) {
                    write(source, change.getEntityId());
                    applied++;
                }
                cursor = change.getSeq();
                polledUpTo = Math.max(polledUpTo, cursor);
            }
        } while (page.size() == PAGE);
        if (applied > 0) {
            index.refresh();
        }
        return applied;
    }

    /**
     * Every few seconds: picks up changes this node was not told of (made on another node, or
     * whose event was lost), commits, and reopens a writer that failed.
     */
    /** Polls failed in a row; only the scheduler's one thread touches it. */
    private int failedPolls;

    void poll() {
        try {
            if (index == null) {
                return;
            }
            if (index.isBroken()) {
                recover("the index writer failed");
                return;
            }
            if (state == IndexStatus.State.READY && maintenance.tryLock()) {
                try {
                    Instant started = Instant.now();
                    catchUp(polledUpTo, lastPoll.minusSeconds(60));
                    lastPoll = started;
                } finally {
                    maintenance.unlock();
                }
            }
            commitIfChanged();
            if (failedPolls > 0) {
                LOG.log(Level.INFO, "The search index poll works again after {0} failed poll(s)", failedPolls);
                failedPolls = 0;
            }
        } catch (IOException | RuntimeException e) {
            // once with the cause, then quietly: a database outage would otherwise log a stack trace every few seconds
            if (failedPolls++ == 0) {
                LOG.log(Level.WARNING, "Search index poll failed; it is tried again every " + commitSeconds + " s", e);
            } else {
                LOG.log(Level.FINE, "Search index poll failed again (" + failedPolls + " in a row)", e);
            }
        }
    }

    private synchronized void commitIfChanged() throws IOException {
        if (!dirty || state == IndexStatus.State.REBUILDING) {
            return;
        }
        dirty = false;
        long covered = highestApplied.get();
        index.commit(covered);
        lastCommitAt = Instant.now();
        lastCommitSeq = covered;
    }

    /** Every 10 s: merges a fragmented index into one segment once no entry was written for {@link #compactAfterQuietMinutes}. */
    void compactIfQuiet() {
        quietMerge.look(index, state == IndexStatus.State.READY && !maintenance.isLocked(), () -> {
            dirty = true;
            commitIfChanged();
        });
    }

    /**
     * Checks the last commit's files, then compares database and index group by group (count and
     * a checksum of ids and change numbers) and rewrites the entries of groups that differ. Logs
     * what it repaired. Damaged files make the index be reopened and rebuilt instead.
     */
    public void check() {
        String corrupt = checkUnlessCorrupt();
        if (corrupt != null) {
            // the same way out as a writer that failed: reopen from a verified or empty folder, rebuild in place
            recover("the index files were corrupt (" + corrupt + ")");
        }
    }

    /** Null when the check ran (or could not), else why the files are damaged. */
    private String checkUnlessCorrupt() {
        if (index == null) {
            return null;
        }
        try {
            // a check asked for waits for a running replay or check; during a rebuild it would wait too long
            if (state == IndexStatus.State.REBUILDING || !maintenance.tryLock(60, TimeUnit.SECONDS)) {
                lastCheckResult = "not run: a rebuild or another check was running";
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            String corrupt = verifyFiles();
            if (corrupt != null) {
                lastCheckResult = "the index files are corrupt (" + corrupt + "); rebuilding";
                lastCheckAt = Instant.now();
                return corrupt;
            }
            List<String> repairs = new ArrayList<>();
            for (IndexSource source : sources) {
                repairs.addAll(check(source));
            }
            if (repairs.isEmpty()) {
                LOG.fine("Search index consistency check: database and index agree");
                lastCheckResult = "database and index agree";
            } else {
                index.refresh();
                String summary = String.join("; ", repairs);
                LOG.log(Level.WARNING, "Search index consistency check repaired drift: {0}", summary);
                recordRepair(summary);
                lastCheckResult = "repaired " + summary;
            }
            lastCheckAt = Instant.now();
        } catch (IOException | RuntimeException e) {
            lastCheckResult = "failed: " + e;
            LOG.log(Level.WARNING, "Search index consistency check failed; it runs again in " + checkMinutes + " min", e);
        } finally {
            maintenance.unlock();
        }
        return null;
    }

    /**
     * Checks the checksums of the last commit's files, which neither searches nor the writer do
     * until a merge reads them: without this a running server would search a damaged index
     * until its next start. Null when they are sound, else what was wrong.
     */
    private String verifyFiles() {
        // no commit (which deletes the files only the previous commit used) while the files are read
        synchronized (this) {
            try {
                index.verifyCommit();
                return null;
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "The search index files are corrupt; the index is rebuilt from the database", e);
                return e.getClass().getSimpleName();
            }
        }
    }

    /**
     * A search met a damaged or missing file: a check (which verifies the files) runs soon, at
     * most once a minute however many searches fail.
     */
    private void suspect(IOException e) {
        if ((e instanceof org.apache.lucene.index.CorruptIndexException || e instanceof java.nio.file.NoSuchFileException
                || e instanceof java.io.FileNotFoundException) && lastSuspicion.getAndSet(System.nanoTime()) < System.nanoTime() - 60_000_000_000L) {
            LOG.log(Level.SEVERE, "A search met a damaged search index; checking its files", e);
            scheduler.execute(this::check);
        }
    }

    private Map<Long, Long> newestChanges(IndexSource source) {
        Map<Long, Long> stamps = new HashMap<>();
        for (Object[] row : changes.newest(source.kind())) {
            stamps.put((Long) row[0], (Long) row[1]);
        }
        return stamps;
    }

    /**
     * Compares the database with the index for one source and repairs what differs. A change
     * committed just before the database was read may still be on its way into the index: its
     * transaction's after-commit observer writes the entry a moment later (an extraction that
     * finished during the check, say; under load the continuous-integration run met one). So
     * what differs is compared again after {@link #IN_FLIGHT_GRACE_MILLIS}, and only what
     * differs both times, the same way, is drift: repaired and reported.
     */
    private List<String> check(IndexSource source) throws IOException {
        Map<String, Difference> suspected = differences(source);
        if (suspected.isEmpty()) {
            return List.of();
        }
        try {
            Thread.sleep(IN_FLIGHT_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Difference> drift = new TreeMap<>(differences(source));
        drift.entrySet().removeIf(e -> !suspected.containsKey(e.getKey()) || suspected.get(e.getKey()).kind() != e.getValue().kind());
        Map<Long, int[]> countsByGroup = new TreeMap<>();
        for (Map.Entry<String, Difference> e : drift.entrySet()) {
            Difference difference = e.getValue();
            if (difference.kind() == Difference.Kind.EXTRA) {
                write(source, entityId(e.getKey()));
            } else {
                write(source, entityId(e.getKey()), difference.stamp());
            }
            countsByGroup.computeIfAbsent(difference.groupId(), g -> new int[Difference.Kind.values().length])[difference.kind().ordinal()]++;
        }
        List<String> repairs = new ArrayList<>();
        countsByGroup.forEach((group, counts) -> repairs.add(String.format("%s entries of group %d: %d missing, %d stale, %d extra",
                source.kind().name().toLowerCase(), group, counts[Difference.Kind.MISSING.ordinal()], counts[Difference.Kind.STALE.ordinal()],
                counts[Difference.Kind.EXTRA.ordinal()])));
        return repairs;
    }

    /** An entry the index lacks, has older than the database, or has though the database does not. */
    private record Difference(Kind kind, long groupId, long stamp) {

        enum Kind {
            MISSING, STALE, EXTRA
        }
    }

    /** What differs now between the database and the index for one source, by entry id. */
    private Map<String, Difference> differences(IndexSource source) throws IOException {
        Map<Long, Long> stamps = newestChanges(source);
        Map<String, IndexSearch.Entry> expected = new HashMap<>();
        for (IndexSource.Live live : source.live()) {
            expected.put(source.entryId(live.entityId()), new IndexSearch.Entry(live.groupId(), stamps.getOrDefault(live.entityId(), 0L)));
        }
        String prefix = source.entryId(0).substring(0, source.entryId(0).length() - 1);
        // writes committed before the stamps were read may not be visible to searches yet (up to
        // a second): without this an extraction that just finished was reported and "repaired" as stale
        index.refresh();
        Map<String, IndexSearch.Entry> actual = index.entries(prefix);
        Map<Long, GroupSum> databaseSums = sums(expected);
        Map<Long, GroupSum> indexSums = sums(actual);
        Set<Long> groups = new HashSet<>(databaseSums.keySet());
        groups.addAll(indexSums.keySet());
        Map<String, Difference> differences = new HashMap<>();
        for (long group : groups) {
            if (Optional.ofNullable(databaseSums.get(group)).equals(Optional.ofNullable(indexSums.get(group)))) {
                continue;
            }
            for (Map.Entry<String, IndexSearch.Entry> e : expected.entrySet()) {
                if (e.getValue().groupId() != group) {
                    continue;
                }
                IndexSearch.Entry found = actual.get(e.getKey());
                if (found != null && found.stamp() > e.getValue().stamp()
                        && found.stamp() == changes.newest(source.kind(), entityId(e.getKey()))) {
                    // changed while the check ran, and the index already has the change
                    continue;
                }
                if (found == null) {
                    differences.put(e.getKey(), new Difference(Difference.Kind.MISSING, group, e.getValue().stamp()));
                } else if (!found.equals(e.getValue())) {
                    differences.put(e.getKey(), new Difference(Difference.Kind.STALE, group, e.getValue().stamp()));
                }
            }
            for (Map.Entry<String, IndexSearch.Entry> e : actual.entrySet()) {
                if (e.getValue().groupId() == group && !expected.containsKey(e.getKey())) {
                    differences.put(e.getKey(), new Difference(Difference.Kind.EXTRA, group, e.getValue().stamp()));
                }
            }
        }
        return differences;
    }

    /** Per group: how many entries and a checksum over their ids and change numbers (order-free). */
    private record GroupSum(long count, long checksum) {
    }

    private static Map<Long, GroupSum> sums(Map<String, IndexSearch.Entry> entries) {
        Map<Long, GroupSum> sums = new HashMap<>();
        entries.forEach((id, entry) -> sums.merge(entry.groupId(), new GroupSum(1, mix(id, entry.stamp())),
                (a, b) -> new GroupSum(a.count() + b.count(), a.checksum() + b.checksum())));
        return sums;
    }

    private static long mix(String id, long stamp) {
        long h = id.hashCode() * 0x9E3779B97F4A7C15L + stamp;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    private static long entityId(String entryId) {
        return Long.parseLong(entryId.substring(entryId.indexOf('-') + 1));
    }

    /**
     * Writes every entry again from the database, in place: searches keep answering from what
     * is there, and see the entries come back as they are written. Entries the database no
     * longer has are removed by the consistency check at the end.
     */
    public void rebuild(String reason) {
        maintenance.lock();
        long started = System.nanoTime();
        try {
            state = IndexStatus.State.REBUILDING;
            rebuildReason = reason;
            rebuildDone.set(0);
            long covered = changes.latest();
            List<Map.Entry<IndexSource, List<IndexSource.Live>>> work = new ArrayList<>();
            long total = 0;
            Map<IndexSource, Map<Long, Long>> stamps = new HashMap<>();
            for (IndexSource source : sources) {
                // every entity's change number in one query, read before the data as write() wants
                stamps.put(source, newestChanges(source));
                List<IndexSource.Live> live = new ArrayList<>(source.live());
                live.sort(Comparator.comparingLong(IndexSource.Live::entityId).reversed());
                work.add(Map.entry(source, live));
                total += live.size();
            }
            rebuildTotal = total;
            LOG.log(Level.INFO, "Rebuilding the search index from the database ({0}): {1} entries", new Object[] {reason, total});
            long lastRefresh = System.nanoTime();
            for (Map.Entry<IndexSource, List<IndexSource.Live>> part : work) {
                for (IndexSource.Live live : part.getValue()) {
                    write(part.getKey(), live.entityId(), stamps.get(part.getKey()).getOrDefault(live.entityId(), 0L));
                    rebuildDone.incrementAndGet();
                    if (System.nanoTime() - lastRefresh > TimeUnit.SECONDS.toNanos(1)) {
                        index.refresh();
                        lastRefresh = System.nanoTime();
                    }
                }
            }
            index.refresh();
            highestApplied.accumulateAndGet(covered, Math::max);
            state = IndexStatus.State.READY;
            dirty = true;
            commitIfChanged();
            recordRepair("rebuilt " + total + " entries from the database (" + reason + ")");
            LOG.log(Level.INFO, "Search index rebuilt: {0} entries in {1} s", new Object[] {total, (System.nanoTime() - started) / 1_000_000_000});
        } catch (IOException | RuntimeException e) {
            state = IndexStatus.State.READY;
            recordRepair("the rebuild failed (" + e + "); the consistency check repairs what is missing");
            LOG.log(Level.SEVERE, "Rebuilding the search index failed; the consistency check repairs what is missing", e);
        } finally {
            maintenance.unlock();
        }
        check();
    }

    /** Starts a rebuild in the background unless one runs; false when one was running already. */
    public synchronized boolean startRebuild(String reason) {
        if (index == null || state == IndexStatus.State.REBUILDING || maintenance.isLocked()) {
            return false;
        }
        state = IndexStatus.State.REBUILDING;
        rebuildReason = reason;
        rebuildDone.set(0);
        rebuildTotal = 0;
        scheduler.execute(() -> rebuild(reason));
        return true;
    }

    /**
     * The writer failed (a corrupt file met by a merge, a disk error) or the check found damaged
     * files: reopen from a verified or empty folder and rebuild. Searches answer meanwhile from
     * what the reopened index holds, with the rebuild's progress.
     */
    private synchronized void recover(String why) {
        LOG.log(Level.SEVERE, "Reopening and rebuilding the search index: {0}", why);
        Path folder = dataFolder.folder("index");
        try {
            index.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing the failed index", e);
        }
        try {
            IndexSearch.verify(folder);
        } catch (IOException | RuntimeException e) {
            wipe(folder);
        }
        try {
            index = IndexSearch.open(folder);
            startRebuild(why);
        } catch (IOException e) {
            state = IndexStatus.State.UNAVAILABLE;
            LOG.log(Level.SEVERE, "The search index cannot be reopened; search is unavailable", e);
        }
    }

    private static void wipe(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the broken search index in " + folder, e);
        }
    }

    private void recordRepair(String summary) {
        lastRepairAt = Instant.now();
        lastRepair = summary;
    }

    public IndexStatus status() {
        QuietMerge merge = quietMerge;
        long entries = 0;
        try {
            entries = index == null ? 0 : index.count();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Counting index entries", e);
        }
        return new IndexStatus(state, entries, lastCommitAt, lastCommitSeq, lastCheckAt, lastCheckResult, lastRepairAt, lastRepair,
                rebuildDone.get(), rebuildTotal, rebuildReason, merge == null ? null : merge.layout(), merge != null && merge.running(),
                merge == null ? null : merge.lastAt(), merge == null ? null : merge.last());
    }

    /** One page of hits these readers may see, selected facet values applied. */
    public SearchResult search(ParsedQuery query, Readers readers, Map<Facet, Set<String>> selected, SortOrder sort, int page, int size) {
        return read(current -> current.search(query, readers, selected, sort, page, size));
    }

    /** What a search does with the index it is given. */
    @FunctionalInterface
    private interface Read<T> {
        T from(IndexSearch index) throws IOException;
    }

    /**
     * Runs a read on the current index. A recovery may close it under a search: that search asks
     * the reopened one. A damaged file met on the way makes the files checked soon.
     */
    private <T> T read(Read<T> read) {
        IndexSearch current = open();
        try {
            try {
                return read.from(current);
            } catch (org.apache.lucene.store.AlreadyClosedException closed) {
                return read.from(replacementOf(current, closed));
            }
        } catch (IOException e) {
            suspect(e);
            throw new UncheckedIOException("The search index cannot be read", e);
        }
    }

    /** The index a recovery opens instead of a closed one; it takes a moment (verify, wipe, open). */
    private IndexSearch replacementOf(IndexSearch closed, RuntimeException why) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (index == closed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (index == closed) {
            throw new SearchUnavailable("Search is being repaired; please try again in a moment.");
        }
        return open();
    }

    /** Titles and tags these readers may see that complete what was typed. */
    public List<Suggestion> suggest(String typed, Readers readers) {
        return read(current -> current.suggest(typed, readers));
    }

    /**
     * The query with each word these readers cannot find replaced by a close word they can;
     * empty when nothing was replaced.
     */
    public Optional<String> didYouMean(String query, ParsedQuery parsed, Readers readers) {
        return read(current -> {
            String corrected = query;
            boolean changed = false;
            for (String word : parsed.terms()) {
                Optional<String> better = current.didYouMean(word, readers);
                if (better.isPresent()) {
                    corrected = corrected.replaceFirst("(?iu)(?<![\\p{L}\\p{N}:*])" + java.util.regex.Pattern.quote(word) + "(?![\\p{L}\\p{N}])",
                            java.util.regex.Matcher.quoteReplacement(better.get()));
                    changed = true;
                }
            }
            return changed && !corrected.equals(query) ? Optional.of(corrected) : Optional.empty();
        });
    }

    private IndexSearch open() {
        IndexSearch current = index;
        if (current == null) {
            throw new SearchUnavailable("Search is unavailable: the index could not be opened. Administrators find the reason in the server log.");
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (index != null) {
            try {
                if (state != IndexStatus.State.REBUILDING) {
                    index.commit(highestApplied.get());
                }
                index.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Closing the search index", e);
            }
        }
    }
}
