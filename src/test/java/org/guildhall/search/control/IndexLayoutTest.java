package org.guildhall.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When merging the index into one segment pays, and that merging changes no answer and loses no commit. */
class IndexLayoutTest {

    private final SearchQueryParser parser = new SearchQueryParser();

    @Test
    void manySegmentsOrManyDeletedEntriesAreWorthMerging() {
        assertFalse(new IndexLayout(0, 0, 0, 0).worthCompacting(), "an empty index");
        assertFalse(new IndexLayout(1, 1000, 0, 1 << 20).worthCompacting(), "already one segment");
        assertFalse(new IndexLayout(IndexLayout.RESTING_SEGMENTS, 1000, 0, 1 << 20).worthCompacting(), "a few segments left by single uploads");
        assertTrue(new IndexLayout(IndexLayout.RESTING_SEGMENTS + 1, 1000, 0, 1 << 20).worthCompacting());
        assertFalse(new IndexLayout(2, 1000, 99, 1 << 20).worthCompacting(), "under a tenth deleted");
        assertTrue(new IndexLayout(2, 1000, 100, 1 << 20).worthCompacting(), "a tenth deleted");
        assertTrue(new IndexLayout(1, 1000, 500, 1 << 20).worthCompacting(), "half of one segment deleted");
    }

    @Test
    void anIndexWrittenOneEntryAtATimeIsMergedIntoOneSegmentWithTheSameAnswers(@TempDir Path folder) throws Exception {
        try (IndexSearch index = IndexSearch.open(folder)) {
            Corpus.fragmented(index);
            IndexLayout before = index.layout();
            assertTrue(before.segments() > IndexLayout.RESTING_SEGMENTS, before.toString());
            List<String> queries = List.of("budget", "\"opening repertoire\"", "tour*", "minutes", "");
            Map<String, SearchResult> answers = new java.util.HashMap<>();
            for (String query : queries) {
                answers.put(query, search(index, query));
            }

            index.compact();
            for (int i = 0; i < 200 && index.isMerging(); i++) {
                Thread.sleep(50);
            }
            assertFalse(index.isMerging(), "the merge ends");
            index.reopen();

            IndexLayout after = index.layout();
            assertEquals(1, after.segments(), after.toString());
            assertEquals(0, after.deleted());
            assertFalse(after.worthCompacting());
            for (String query : queries) {
                SearchResult was = answers.get(query);
                SearchResult is = search(index, query);
                assertEquals(was.total(), is.total(), query);
                assertEquals(was.hits().stream().map(SearchHit::id).toList(), is.hits().stream().map(SearchHit::id).toList(), query);
                assertEquals(was.hits().stream().map(SearchHit::snippet).toList(), is.hits().stream().map(SearchHit::snippet).toList(), query);
                assertEquals(was.facets(), is.facets(), query);
            }
            index.commit(8);
        }
        try (IndexSearch reopened = IndexSearch.open(folder)) {
            assertEquals(8, reopened.lastCommittedSequence());
            assertEquals(1, reopened.layout().segments(), "the merged segment is what the commit holds");
            assertEquals(Corpus.documents().size(), reopened.count());
        }
    }

    private SearchResult search(IndexSearch index, String query) throws IOException {
        return index.search(parser.parse(query), Corpus.BOARD_MEMBER, Map.of(), SortOrder.RELEVANCE, 1, 20);
    }
}
