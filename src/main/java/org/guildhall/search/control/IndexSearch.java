package org.guildhall.search.control;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
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

    private final Directory directory;
    private final boolean ownsDirectory;
    private final Analyzer analyzer = Analyzers.perField();
    private final DocumentMapper mapper = new DocumentMapper();
    private final QueryBuilder queries = new QueryBuilder(analyzer);
    private final ResultPages pages = new ResultPages(analyzer, queries);
    private final Suggestions suggestions = new Suggestions(analyzer);
    private final IndexWriter writer;
    private final SearcherManager searchers;

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
                .setCommitOnClose(false);
        this.writer = new IndexWriter(directory, config);
        try {
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
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
        writer.updateDocument(new Term(Fields.ID, document.id()), mapper.map(document));
    }

    public void delete(String id) throws IOException {
        writer.deleteDocuments(new Term(Fields.ID, id));
    }

    /** Makes changes so far visible to searches; waits if another refresh is under way. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Makes changes so far durable, recording the database change sequence they cover. */
    public void commit(long changeSequence) throws IOException {
        writer.setLiveCommitData(Map.of(CHANGE_SEQUENCE, Long.toString(changeSequence)).entrySet());
        writer.commit();
    }

    /** The change sequence of the last commit; 0 when nothing was committed yet (replay everything). */
    public long lastCommittedSequence() throws IOException {
        try {
            String sequence = SegmentInfos.readLatestCommit(directory).getUserData().get(CHANGE_SEQUENCE);
            return sequence == null ? 0 : Long.parseLong(sequence);
        } catch (IndexNotFoundException e) {
            return 0;
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
        IndexSearcher searcher = searchers.acquire();
        try {
            return pages.page(searcher, query, readableGroupIds, selected == null ? Map.of() : selected,
                    order == null ? SortOrder.RELEVANCE : order, page, size);
        } finally {
            searchers.release(searcher);
        }
    }

    /** Completions from the titles and tags of documents the reader may see. */
    public List<Suggestion> suggest(String prefix, Set<Long> readableGroupIds) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return suggestions.complete(searcher, prefix, QueryBuilder.permission(readableGroupIds));
        } finally {
            searchers.release(searcher);
        }
    }

    /** A word the reader may see that is close to one they typed and cannot find; empty otherwise. */
    public Optional<String> didYouMean(String word, Set<Long> readableGroupIds) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return suggestions.didYouMean(searcher, word, QueryBuilder.permission(readableGroupIds));
        } finally {
            searchers.release(searcher);
        }
    }

    /** Closes the searchers and the writer (uncommitted changes are dropped), and the directory if it opened it. */
    @Override
    public void close() throws IOException {
        IOUtils.close(searchers, writer::rollback, analyzer, ownsDirectory ? directory : null);
    }
}
