package org.guildhall.search.control;

import static org.guildhall.search.control.Corpus.PUBLIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.guildhall.search.control.SearchDocument.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Updates by id, deletes, refreshes, commits with their change sequence, and snippets. */
class IndexLifecycleTest {

    private final SearchQueryParser parser = new SearchQueryParser();

    private List<String> ids(IndexSearch index, String query) throws IOException {
        SearchResult result = index.search(parser.parse(query), PUBLIC, Map.of(), SortOrder.RELEVANCE, 1, 20);
        assertEquals(result.total(), result.hits().size());
        return result.hits().stream().map(SearchHit::id).toList();
    }

    private SearchHit first(IndexSearch index, String query) throws IOException {
        return index.search(parser.parse(query), PUBLIC, Map.of(), SortOrder.RELEVANCE, 1, 1).hits().get(0);
    }

    @Test
    void indexingTheSameIdAgainReplacesIt() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexSearch index = Corpus.indexed(new IndexSearch(directory))) {
            SearchDocument revised = Corpus.document(3, Corpus.CHESS, "chess", "Tournament budget 2026, revised", "spreadsheet",
                    "2026-01-16", "Ada Lovelace", "budget-2026.xlsx", List.of("budget"), new Part(null, "Prizes were cut."));
            index.index(revised);
            index.index(revised);
            assertEquals(List.of("doc-3", "doc-7", "doc-1"), ids(index, "budget"), "not visible before a refresh");
            index.refresh();
            assertEquals(List.of("doc-3"), ids(index, "revised"));
            assertEquals(List.of(), ids(index, "arbiters"), "the old text is gone");
            assertEquals(10, ids(index, "").size());
        }
    }

    @Test
    void deletingRemoves() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexSearch index = Corpus.indexed(new IndexSearch(directory))) {
            index.delete("doc-3");
            index.delete("doc-404");
            index.refresh();
            assertEquals(List.of("doc-7", "doc-1"), ids(index, "budget"));
            assertEquals(9, ids(index, "").size());
        }
    }

    @Test
    void aCommitRemembersItsChangeSequence(@TempDir Path folder) throws IOException {
        try (IndexSearch index = IndexSearch.open(folder)) {
            assertEquals(0, index.lastCommittedSequence(), "a new index has nothing committed");
            Corpus.indexed(index);
            index.commit(41);
            index.delete("doc-5");
            index.commit(42);
            assertEquals(42, index.lastCommittedSequence());
            // after the last commit, and so lost on close: start-up replays from 42
            index.delete("doc-7");
        }
        try (IndexSearch reopened = IndexSearch.open(folder)) {
            assertEquals(42, reopened.lastCommittedSequence());
            assertEquals(List.of("doc-3", "doc-7", "doc-1"), ids(reopened, "budget"));
            assertEquals(List.of(), ids(reopened, "compost"));
        }
    }

    @Test
    void snippetsAreEscapedAndMarkTheMatch() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexSearch index = Corpus.indexed(new IndexSearch(directory))) {
            SearchHit hit = first(index, "script");
            assertEquals("doc-7", hit.id());
            assertEquals("Quote for new glass panels &lt;<mark>script</mark>&gt;alert(&#39;x&#39;)&lt;/<mark>script</mark>&gt; "
                    + "for the greenhouse roof.", hit.snippet());
            assertEquals(null, hit.attachment());
            assertEquals("Quote for new glass panels &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; for the greenhouse roof.",
                    first(index, "tag:greenhouse").snippet(), "no match: the text's beginning, still escaped");
        }
    }

    @Test
    void eachHitOnAPageGetsItsOwnSnippetInAnyOrder() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexSearch index = Corpus.indexed(new IndexSearch(directory))) {
            for (SortOrder order : SortOrder.values()) {
                Map<String, String> snippets = new java.util.LinkedHashMap<>();
                index.search(parser.parse("budget"), PUBLIC, Map.of(), order, 1, 20).hits().forEach(hit -> snippets.put(hit.id(), hit.snippet()));
                assertEquals(Map.of(
                        "doc-3", "<mark>Budget</mark> for the spring tournament: prizes, venue and arbiters.",
                        "doc-7", "Quote for new glass panels &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; for the greenhouse roof.",
                        "doc-1", "Minutes of the annual general meeting. The treasurer presented the <mark>budget</mark>. Members elected a new chair."),
                        snippets, order.name());
            }
        }
    }

    @Test
    void aMatchInAnEmbeddedPartNamesTheAttachment() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexSearch index = Corpus.indexed(new IndexSearch(directory))) {
            SearchHit tomatoes = first(index, "tomatoes");
            assertEquals("doc-6", tomatoes.id());
            assertEquals("The seed swap raised money for the greenhouse fund. <mark>Tomatoes</mark> were popular.", tomatoes.snippet());
            assertEquals("minutes.docx", tomatoes.attachment());
            SearchHit lucena = first(index, "\"winning rook endgame\"");
            assertEquals("The Lucena position is a <mark>winning rook endgame</mark>.", lucena.snippet());
            assertEquals("appendix/lucena.txt", lucena.attachment());
            // a prefix is highlighted from the postings too (Snippets keeps them as the offset source)
            assertEquals("The seed swap raised money for the greenhouse fund. <mark>Tomatoes</mark> were popular.",
                    first(index, "tomat*").snippet());
            assertEquals(null, first(index, "practice").attachment(), "a match in the file itself names no attachment");
        }
    }

    @Test
    void aLongSentenceIsCutAroundTheMatch() throws IOException {
        String filler = "lorem ipsum dolor sit amet ".repeat(200);
        SearchDocument longText = new SearchDocument("doc-99", SearchDocument.Kind.DOCUMENT, Corpus.CHESS, "chess", "Long", List.of(
                new Part(null, "x".repeat(20)), new Part("/big.txt", filler + "needle " + filler)),
                "long.zip", List.of(), null, "archive", Instant.parse("2026-01-01T00:00:00Z"), 1);
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexSearch index = new IndexSearch(directory)) {
            index.index(longText);
            index.refresh();
            SearchHit hit = first(index, "needle");
            assertTrue(hit.snippet().startsWith("…") && hit.snippet().endsWith("…"), hit.snippet());
            assertTrue(hit.snippet().contains(" <mark>needle</mark> lorem"), hit.snippet());
            assertTrue(hit.snippet().length() <= SnippetFormatter.MAX_CHARS + 20, hit.snippet().length() + " characters");
            assertEquals("big.txt", hit.attachment());
        }
    }

    @Test
    void entriesCarryTheirChangeNumberAndGroupForTheConsistencyCheck() throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory(); IndexSearch index = Corpus.indexed(new IndexSearch(directory))) {
            SearchDocument budget = Corpus.document(3, Corpus.CHESS, "chess", "Budget", "spreadsheet", "2026-01-16", "Ada", "b.xlsx",
                    List.of(), new Part(null, "Prizes."));
            index.index(budget, 42);
            index.refresh();
            assertEquals(42, index.stamp("doc-3"));
            assertEquals(-1, index.stamp("doc-404"));
            Map<String, IndexSearch.Entry> entries = index.entries("doc-");
            assertEquals(10, entries.size());
            assertEquals(new IndexSearch.Entry(Corpus.CHESS, 42), entries.get("doc-3"));
        }
    }

    @Test
    void flippedBytesInASegmentAreFoundBeforeTheWriterOpens(@TempDir Path folder) throws IOException {
        try (IndexSearch index = Corpus.indexed(IndexSearch.open(folder))) {
            index.commit(7);
        }
        IndexSearch.verify(folder);
        Path segmentFile;
        try (var files = java.nio.file.Files.list(folder)) {
            segmentFile = files.filter(f -> f.getFileName().toString().matches(".*\\.(cfs|fdt|doc|tim)$"))
                    .max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(segmentFile);
        bytes[bytes.length / 2] ^= (byte) 0xFF;
        java.nio.file.Files.write(segmentFile, bytes);
        assertThrows(IOException.class, () -> IndexSearch.verify(folder));
    }

    @Test
    void aMissingSegmentFileIsFound(@TempDir Path folder) throws IOException {
        try (IndexSearch index = Corpus.indexed(IndexSearch.open(folder))) {
            index.commit(7);
        }
        try (var files = java.nio.file.Files.list(folder)) {
            java.nio.file.Files.delete(files.filter(f -> !f.getFileName().toString().startsWith("segments") && !f.getFileName().toString().equals("write.lock"))
                    .findFirst().orElseThrow());
        }
        assertThrows(IOException.class, () -> IndexSearch.verify(folder));
    }

    /** The largest file of the last commit that holds documents (not the commit point itself). */
    static Path largestSegmentFile(Path folder) throws IOException {
        try (var directory = org.apache.lucene.store.FSDirectory.open(folder)) {
            return org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).files(false).stream()
                    .filter(name -> !name.startsWith("segments")).map(folder::resolve)
                    .max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
    }

    /** Flips one byte where it lies, as a failing disk would: no truncation under the open maps. */
    static void flipByteInPlace(Path file) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            long at = channel.size() / 2;
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, at);
            one.put(0, (byte) ~one.get(0)).rewind();
            channel.write(one, at);
            channel.force(true);
        }
    }

    @Test
    void flippedBytesUnderARunningIndexAreFoundByVerifyingTheCommit(@TempDir Path folder) throws IOException {
        try (IndexSearch index = Corpus.indexed(IndexSearch.open(folder))) {
            index.commit(7);
            index.verifyCommit();
            flipByteInPlace(largestSegmentFile(folder));

            assertThrows(org.apache.lucene.index.CorruptIndexException.class, index::verifyCommit);
        }
    }

    @Test
    void aSegmentFileDeletedUnderARunningIndexIsFoundThoughSearchesStillAnswer(@TempDir Path folder) throws IOException {
        try (IndexSearch index = Corpus.indexed(IndexSearch.open(folder))) {
            index.commit(7);
            java.nio.file.Files.delete(largestSegmentFile(folder));

            // the open reader keeps the deleted file mapped: searches cannot tell
            assertEquals(List.of("doc-3", "doc-7", "doc-1"), ids(index, "budget"));
            assertThrows(java.nio.file.NoSuchFileException.class, index::verifyCommit);
        }
    }

    /** What SearchIndex.recover does with a damaged folder: close the open index, verify, wipe, open anew. */
    @Test
    void anIndexDamagedWhileOpenClosesAndAFreshOneOpensInItsFolder(@TempDir Path folder) throws IOException {
        IndexSearch damaged = Corpus.indexed(IndexSearch.open(folder));
        damaged.commit(7);
        java.nio.file.Files.delete(largestSegmentFile(folder));
        damaged.close();
        assertThrows(IOException.class, () -> IndexSearch.verify(folder));
        try (var files = java.nio.file.Files.list(folder)) {
            for (Path file : files.toList()) {
                java.nio.file.Files.delete(file);
            }
        }
        try (IndexSearch fresh = IndexSearch.open(folder)) {
            assertEquals(0, fresh.count(), "the write lock was released and the folder is empty");
            Corpus.indexed(fresh);
            assertEquals(List.of("doc-3", "doc-7", "doc-1"), ids(fresh, "budget"));
        }
    }
}
