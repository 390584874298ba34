package org.guildhall.search.control;

import static org.guildhall.search.control.Corpus.PUBLIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.guildhall.search.control.SearchDocument.Part;
import org.guildhall.search.control.StoredHits.StoredHit;
import org.junit.jupiter.api.Test;

/** The cache of decoded hits: what a search shows after a change, repeated reads, its bound, merged segments. */
class StoredHitsTest {

    private final DocumentMapper mapper = new DocumentMapper();

    @Test
    void aReplacedDocumentShowsItsNewTitleAndTextAtOnce() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexSearch index = Corpus.indexed(new IndexSearch(directory))) {
            SearchQueryParser parser = new SearchQueryParser();
            assertEquals("Tournament budget 2026", index.search(parser.parse("tournament"), PUBLIC, Map.of(), SortOrder.RELEVANCE, 1, 20)
                    .hits().get(0).title(), "read once, so cached");
            index.index(Corpus.document(3, Corpus.CHESS, "chess", "Tournament budget 2026, revised", "spreadsheet", "2026-01-16",
                    "Ada Lovelace", "budget-2026.xlsx", List.of("budget"), new Part(null, "The tournament prizes were cut.")));
            index.refresh();
            SearchHit hit = index.search(parser.parse("tournament"), PUBLIC, Map.of(), SortOrder.RELEVANCE, 1, 20).hits().get(0);
            assertEquals("doc-3", hit.id());
            assertEquals("Tournament budget 2026, revised", hit.title());
            assertEquals("The <mark>tournament</mark> prizes were cut.", hit.snippet());
        }
    }

    @Test
    void aRepeatedSearchReadsItsHitsFromMemoryNotFromTheIndex() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexSearch index = Corpus.indexed(new IndexSearch(directory))) {
            SearchQueryParser parser = new SearchQueryParser();
            SearchResult first = index.search(parser.parse("budget"), PUBLIC, Map.of(), SortOrder.RELEVANCE, 1, 20);
            assertEquals(new StoredHits.Stats(0, 3, 3, index.storedHitStats().chars()), index.storedHitStats(), "three hits read and kept");
            SearchResult again = index.search(parser.parse("budget"), PUBLIC, Map.of(), SortOrder.RELEVANCE, 1, 20);
            assertEquals(3, index.storedHitStats().hits(), "the same three served from memory");
            assertEquals(3, index.storedHitStats().misses(), "nothing read from the index again");
            assertEquals(first.hits(), again.hits(), "the same page, titles and snippets included");
        }
    }

    @Test
    void aSecondReadOfTheSameHitsIsServedFromMemoryAndEqual() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexWriter writer = writerWithCorpus(directory);
                DirectoryReader reader = DirectoryReader.open(writer)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            StoredHits cache = new StoredHits(StoredHits.DEFAULT_MAX_CHARS, StoredHits.DEFAULT_MAX_ENTRY_CHARS);
            int[] docs = {0, 5, 2};
            StoredHit[] first = cache.read(searcher, docs);
            StoredHit[] second = cache.read(searcher, docs);
            assertEquals(new StoredHits.Stats(3, 3, 3, cache.stats().chars()), cache.stats());
            for (int i = 0; i < docs.length; i++) {
                assertTrue(first[i] == second[i], "the same decoded hit, not a new read");
            }
            assertEquals("doc-1", first[0].id());
            assertEquals("Seed swap email", first[1].title());
            assertEquals("Please find the notes of the seed swap attached." + DocumentMapper.PART_SEPARATOR
                    + "The seed swap raised money for the greenhouse fund. Tomatoes were popular.", first[1].body());
        }
    }

    @Test
    void keepsNoMoreCharactersThanItsBoundAndSkipsHitsTooLargeForIt() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexWriter writer = writerWithCorpus(directory)) {
            writer.addDocument(mapper.map(Corpus.document(99, Corpus.CHESS, "chess", "Long", "txt", "2026-05-01", "Ada Lovelace",
                    "long.txt", List.of(), new Part(null, "word ".repeat(200)))));
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                // each corpus entry is under 200 characters, together more than 500; the long one is over 1,000
                StoredHits cache = new StoredHits(500, 200);
                for (int doc = 0; doc < reader.maxDoc(); doc++) {
                    cache.read(searcher, new int[] {doc});
                    assertTrue(cache.stats().chars() <= 500, cache.stats().toString());
                }
                StoredHits.Stats filled = cache.stats();
                assertTrue(filled.entries() < reader.maxDoc() - 1, "some were pushed out: " + filled);
                StoredHit last = cache.read(searcher, new int[] {reader.maxDoc() - 1})[0];
                assertEquals("doc-99", last.id());
                assertEquals(filled.misses() + 1, cache.stats().misses(), "the long entry was read again: it was never kept");
                int recent = reader.maxDoc() - 2;
                cache.read(searcher, new int[] {recent});
                assertEquals(filled.hits() + 1, cache.stats().hits(), "the most recent entry that fits is still kept");
            }
        }
    }

    @Test
    void afterAMergeShowsTheRightDocumentsAndForgetsTheRetiredSegments() throws IOException {
        StoredHits cache = new StoredHits(StoredHits.DEFAULT_MAX_CHARS, StoredHits.DEFAULT_MAX_ENTRY_CHARS);
        long mergedChars;
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexWriter writer = writerWithCorpus(directory)) {
            writer.commit();
            writer.deleteDocuments(new Term(Fields.ID, "doc-2"));
            writer.addDocument(mapper.map(Corpus.document(99, Corpus.CHESS, "chess", "Later", "txt", "2026-05-01", "Ada Lovelace",
                    "later.txt", List.of(), new Part(null, "A later segment."))));
            try (DirectoryReader before = DirectoryReader.open(writer)) {
                assertEquals(2, before.leaves().size());
                cache.read(new IndexSearcher(before), new int[] {0, 1, before.maxDoc() - 1});
                assertEquals(3, cache.stats().entries());
                writer.forceMerge(1);
                try (DirectoryReader after = DirectoryReader.open(writer)) {
                    assertEquals(1, after.leaves().size());
                    // doc-2 is gone: doc-3 now has the number doc-2 had, so a key without the segment would show doc-2
                    StoredHit[] merged = cache.read(new IndexSearcher(after), new int[] {0, 1});
                    assertEquals(List.of("doc-1", "doc-3"), List.of(merged[0].id(), merged[1].id()));
                    assertEquals(5, cache.stats().entries(), "the old segments' entries stay while a reader holds them");
                    mergedChars = merged[0].chars() + merged[1].chars();
                }
            }
            assertEquals(2, cache.stats().entries(), "the retired segments' readers are closed: only the merged segment's entries are left");
            assertEquals(mergedChars, cache.stats().chars(), "their characters, and no others");
        }
        assertEquals(new StoredHits.Stats(0, 5, 0, 0), cache.stats(), "the writer closed the last segment: nothing is held");
    }

    private IndexWriter writerWithCorpus(ByteBuffersDirectory directory) throws IOException {
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(Analyzers.perField()));
        for (SearchDocument document : Corpus.documents()) {
            writer.addDocument(mapper.map(document));
        }
        return writer;
    }
}
