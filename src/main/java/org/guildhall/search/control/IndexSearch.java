package org.guildhall.search.control;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IOUtils;

/**
 * One index directory: its only {@link IndexWriter}, and a {@link SearcherManager} whose
 * searchers see the writer's changes after {@link #refresh()} (near-real-time), committed or not.
 * Thread-safe. Searchers are acquired for one call and released in {@code finally}, never held.
 */
public class IndexSearch implements Closeable {

    private static final Logger LOG = Logger.getLogger(IndexSearch.class.getName());
    /** The commit user data key of the database change sequence a commit covers. */
    static final String CHANGE_SEQUENCE = "guildhall.changeSequence";
    static final String COMMITTED_AT = "guildhall.committedAt";
    static final String MAPPING = "guildhall.mapping";
    /**
     * The version of what {@link DocumentMapper} writes. An index committed under another
     * version is rebuilt from the database at start-up.
     */
    public static final String MAPPING_VERSION = "2";
    /**
     * How soon a change nobody waits for (an addition) becomes visible. Reopening after every
     * change flushed a one-document segment each time: the ingest benchmark (issue 6) spent a
     * quarter of the server's CPU in those reopens and in merging their segments. Every 0.2 s
     * still flushed a segment of a handful of documents five times a second while a batch came
     * in; once a second took 12 % off the server's CPU per uploaded document (2026-12-04).
     */
    static final double ADDITIONS_VISIBLE_WITHIN_SECONDS = 1.0;

    private final Directory directory;
    private final boolean ownsDirectory;
    private final Analyzer analyzer = Analyzers.perField();
    private final DocumentMapper mapper = new DocumentMapper();
    private final QueryBuilder queries = new QueryBuilder(analyzer);
    private final StoredHits storedHits = new StoredHits(StoredHits.DEFAULT_MAX_CHARS, StoredHits.DEFAULT_MAX_ENTRY_CHARS);
    private final ResultPages pages = new ResultPages(analyzer, queries, storedHits);
    private final Suggestions suggestions = new Suggestions(analyzer);
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    /** When an entry was last written or deleted ({@code System.nanoTime()}); opening counts as a write. */
    private volatile long lastWriteNanos = System.nanoTime();

    /** Over a directory the caller opened and closes. */
    public IndexSearch(Directory directory) throws IOException {
        this(directory, false);
    }

    private IndexSearch(Directory directory, boolean ownsDirectory) throws IOException {
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // a commit must mean "everything up to its change sequence": closing without
                // commit(sequence) leaves the last such commit, and start-up replays from there
                .setCommitOnClose(false)
                // a refresh after each change must not wait for merges (Lucene waits up to 500 ms by
                // default): the benchmark (issue 6) found upload threads queued behind it
                .setMaxFullFlushMergeWaitMillis(0);
        this.writer = new IndexWriter(directory, config);
        try {
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
        // a waiter (awaitVisible) gets a reopen at once; otherwise one a second at most
        this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, ADDITIONS_VISIBLE_WITHIN_SECONDS, 0);
        reopener.setName("guildhall-search-reopen");
        reopener.setDaemon(true);
        reopener.start();
        LOG.log(Level.INFO, "Search index open with {0} documents", writer.getDocStats().numDocs);
    }

    /** Over a folder of its own, which it opens (creating the index if there is none) and closes. */
    public static IndexSearch open(Path folder) throws IOException {
        FSDirectory directory = FSDirectory.open(folder);
        try {
            return new IndexSearch(directory, true);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Adds or replaces the entry with this id: indexing the same document twice keeps one. */
    public void index(SearchDocument document) throws IOException {
        index(document, 0);
    }

    /**
     * As {@link #index(SearchDocument)}, remembering the change sequence number it was read at.
     *
     * @return the writer's number for this operation, for {@link #awaitVisible(long)}
     */
    public long index(SearchDocument document, long stamp) throws IOException {
        lastWriteNanos = System.nanoTime();
        return writer.updateDocument(new Term(Fields.ID, document.id()), mapper.map(document, stamp));
    }

    /** What the index holds for one entry, as the consistency check compares it with the database. */
    public record Entry(long groupId, long stamp) {
    }

    /** Every entry whose id starts with the prefix ({@code doc-}, {@code ann-}), by id, as searches see them now. */
    public Map<String, Entry> entries(String idPrefix) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        IndexSearcher searcher = searchers.acquire();
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                LeafReader reader = leaf.reader();
                Bits live = reader.getLiveDocs();
                SortedSetDocValues ids = DocValues.getSortedSet(reader, Fields.ID);
                NumericDocValues groups = DocValues.getNumeric(reader, Fields.GROUP_ID);
                NumericDocValues stamps = DocValues.getNumeric(reader, Fields.STAMP);
                for (int doc = 0; doc < reader.maxDoc(); doc++) {
                    if ((live != null && !live.get(doc)) || !ids.advanceExact(doc)) {
                        continue;
                    }
                    String id = ids.lookupOrd(ids.nextOrd()).utf8ToString();
                    if (id.startsWith(idPrefix)) {
                        long group = groups.advanceExact(doc) ? groups.longValue() : -1;
                        long stamp = stamps.advanceExact(doc) ? stamps.longValue() : 0;
                        entries.put(id, new Entry(group, stamp));
                    }
                }
            }
        } finally {
            searchers.release(searcher);
        }
        return entries;
    }

    /** The change sequence number the entry with this id was built from; -1 when there is none. */
    public long stamp(String id) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs found = searcher.search(new TermQuery(new Term(Fields.ID, id)), 1);
            if (found.scoreDocs.length == 0) {
                return -1;
            }
            int doc = found.scoreDocs[0].doc;
            LeafReaderContext leaf = searcher.getIndexReader().leaves().get(ReaderUtil.subIndex(doc, searcher.getIndexReader().leaves()));
            NumericDocValues stamps = DocValues.getNumeric(leaf.reader(), Fields.STAMP);
            return stamps.advanceExact(doc - leaf.docBase) ? stamps.longValue() : 0;
        } finally {
            searchers.release(searcher);
        }
    }

    /** Entries searches can see now (after the last refresh). */
    public int count() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /** True when the writer hit an error it cannot recover from (a disk failure, a corrupt file found by a merge). */
    public boolean isBroken() {
        return !writer.isOpen() || writer.getTragicException() != null;
    }

    /** @return the writer's number for this operation, for {@link #awaitVisible(long)} */
    public long delete(String id) throws IOException {
        lastWriteNanos = System.nanoTime();
        return writer.deleteDocuments(new Term(Fields.ID, id));
    }

    /**
     * Waits until searches see the operation with this number (from {@link #index} or
     * {@link #delete}); concurrent waiters share one reopen. Without waiting, a change becomes
     * visible within {@link #ADDITIONS_VISIBLE_WITHIN_SECONDS}.
     */
    public void awaitVisible(long operation) {
        try {
            reopener.waitForGeneration(operation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes the changes written so far visible to searches; concurrent callers share one reopen
     * (the reopen thread's, see {@link #awaitVisible(long)}).
     */
    public void refresh() {
        awaitVisible(writer.getMaxCompletedSequenceNumber());
    }

    /** How long no entry has been written or deleted. */
    public Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - lastWriteNanos);
    }

    /** Segments, entries and deleted entries as searches see them now, and the size of the files. */
    public IndexLayout layout() throws IOException {
        long bytes = 0;
        for (String file : directory.listAll()) {
            try {
                bytes += directory.fileLength(file);
            } catch (IOException e) {
                // deleted by a merge or commit since it was listed
            }
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            IndexReader reader = searcher.getIndexReader();
            return new IndexLayout(reader.leaves().size(), reader.maxDoc(), reader.numDeletedDocs(), bytes);
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Starts merging the whole index into one segment and returns at once: the merge runs on the
     * writer's merge threads, while searches answer from the segments they have and writes go on
     * into new ones. Searches see the merged segment at the next reopen; it is durable at the
     * next {@link #commit}. See {@link IndexLayout} for why.
     */
    public void compact() throws IOException {
        writer.forceMerge(1, false);
    }

    /** Opens a new searcher now if the index changed, a finished merge included (a refresh waits only for writes). */
    public void reopen() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** True while a merge runs or waits to run. */
    public boolean isMerging() {
        return writer.hasPendingMerges() || !writer.getMergingSegments().isEmpty();
    }

    /** Makes changes so far durable, recording the database change sequence they cover. */
    public void commit(long changeSequence) throws IOException {
        writer.setLiveCommitData(Map.of(CHANGE_SEQUENCE, Long.toString(changeSequence),
                COMMITTED_AT, Long.toString(System.currentTimeMillis()),
                MAPPING, MAPPING_VERSION).entrySet());
        writer.commit();
    }

    /**
     * What the last commit covers.
     *
     * @param changeSequence 0 when nothing was committed yet (replay everything)
     * @param committedAt    null when nothing was committed yet
     * @param mapping        the {@link #MAPPING_VERSION} it was written with; null for none
     */
    public record Commit(long changeSequence, Instant committedAt, String mapping) {

        public boolean isEmpty() {
            return committedAt == null;
        }
    }

    public Commit lastCommit() throws IOException {
        try {
            Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
            String sequence = data.get(CHANGE_SEQUENCE);
            String at = data.get(COMMITTED_AT);
            return new Commit(sequence == null ? 0 : Long.parseLong(sequence),
                    at == null ? (sequence == null ? null : Instant.EPOCH) : Instant.ofEpochMilli(Long.parseLong(at)),
                    data.get(MAPPING));
        } catch (IndexNotFoundException e) {
            return new Commit(0, null, null);
        }
    }

    /** The change sequence of the last commit; 0 when nothing was committed yet (replay everything). */
    public long lastCommittedSequence() throws IOException {
        return lastCommit().changeSequence();
    }

    /**
     * Reads every file of the index in this folder and checks its checksums and structure, as
     * Lucene's CheckIndex does; throws when anything is wrong. Run before the writer opens (it
     * takes the write lock). A folder without an index passes.
     */
    public static void verify(Path folder) throws IOException {
        try (FSDirectory directory = FSDirectory.open(folder)) {
            if (!DirectoryReader.indexExists(directory)) {
                return;
            }
            try (CheckIndex check = new CheckIndex(directory)) {
                check.setLevel(CheckIndex.Level.MIN_LEVEL_FOR_CHECKSUM_CHECKS);
                CheckIndex.Status status = check.checkIndex();
                if (!status.clean) {
                    throw new CorruptIndexException("CheckIndex found " + status.totLoseDocCount + " document(s) in broken segments",
                            folder.toString());
                }
            }
        }
    }

    /**
     * Reads every file of the last commit and checks its checksum, with the writer open: what a
     * running server can find out about its own files. Searches read memory-mapped files and
     * never check a checksum, so flipped bytes or a deleted file go unnoticed by them (a deleted
     * file stays readable through the open map) until a new reader or a merge opens it. The
     * caller keeps commits out meanwhile: a commit deletes the files only the previous one used.
     *
     * @throws CorruptIndexException a checksum does not match
     * @throws java.nio.file.NoSuchFileException a file of the commit is gone
     */
    public void verifyCommit() throws IOException {
        SegmentInfos commit;
        try {
            commit = SegmentInfos.readLatestCommit(directory);
        } catch (IndexNotFoundException e) {
            return;
        }
        for (String file : commit.files(true)) {
            try (IndexInput input = directory.openInput(file, IOContext.READONCE)) {
                CodecUtil.checksumEntireFile(input);
            }
        }
    }

    /**
     * One page of what the reader may see.
     *
     * @param readableGroupIds the groups whose documents the reader may see; empty finds nothing
     * @param selected         facet values to narrow to: any of a dimension's values, all dimensions
     * @param page             from 1
     * @param size             hits per page, at most {@value ResultPages#MAX_PAGE_SIZE}
     */
    public SearchResult search(ParsedQuery query, Set<Long> readableGroupIds, Map<Facet, Set<String>> selected,
            SortOrder order, int page, int size) throws IOException {
        return search(query, Readers.ofGroups(readableGroupIds), selected, order, page, size);
    }

    /** One page of what these readers may see; see {@link #search(ParsedQuery, Set, Map, SortOrder, int, int)}. */
    public SearchResult search(ParsedQuery query, Readers readers, Map<Facet, Set<String>> selected,
            SortOrder order, int page, int size) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return pages.page(searcher, query, readers, selected == null ? Map.of() : selected,
                    order == null ? SortOrder.RELEVANCE : order, page, size);
        } finally {
            searchers.release(searcher);
        }
    }

    /** Completions from the titles and tags of documents the reader may see. */
    public List<Suggestion> suggest(String prefix, Set<Long> readableGroupIds) throws IOException {
        return suggest(prefix, Readers.ofGroups(readableGroupIds));
    }

    public List<Suggestion> suggest(String prefix, Readers readers) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return suggestions.complete(searcher, prefix, QueryBuilder.permission(readers));
        } finally {
            searchers.release(searcher);
        }
    }

    /** A word the reader may see that is close to one they typed and cannot find; empty otherwise. */
    public Optional<String> didYouMean(String word, Set<Long> readableGroupIds) throws IOException {
        return didYouMean(word, Readers.ofGroups(readableGroupIds));
    }

    public Optional<String> didYouMean(String word, Readers readers) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return suggestions.didYouMean(searcher, word, QueryBuilder.permission(readers));
        } finally {
            searchers.release(searcher);
        }
    }

    /** How the cache of decoded hits has served the searches so far; for tests. */
    StoredHits.Stats storedHitStats() {
        return storedHits.stats();
    }

    /** Closes the searchers and the writer (uncommitted changes are dropped), and the directory if it opened it. */
    @Override
    public void close() throws IOException {
        IOUtils.close(reopener, searchers, writer::rollback, analyzer, ownsDirectory ? directory : null);
    }
}
