package org.guildhall.search.control;

import static org.guildhall.search.control.Corpus.BOARD_MEMBER;
import static org.guildhall.search.control.Corpus.PUBLIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.guildhall.search.control.SearchDocument.Part;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exact hits and orders over the fixed corpus, read as someone who may see the open groups. */
class IndexSearchTest {

    private static ByteBuffersDirectory directory;
    private static IndexSearch index;
    private final SearchQueryParser parser = new SearchQueryParser();

    @BeforeAll
    static void indexCorpus() throws IOException {
        directory = new ByteBuffersDirectory();
        index = Corpus.indexed(new IndexSearch(directory));
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
        directory.close();
    }

    private List<String> ids(String query, SortOrder order) throws IOException {
        return ids(query, PUBLIC, order);
    }

    private List<String> ids(String query, Set<Long> readable, SortOrder order) throws IOException {
        SearchResult result = index.search(parser.parse(query), readable, Map.of(), order, 1, 20);
        List<String> ids = result.hits().stream().map(SearchHit::id).toList();
        assertEquals(result.total(), ids.size(), "total of " + query);
        return ids;
    }

    @Test
    void wordsRankTitleOverTagsOverBody() throws IOException {
        assertEquals(List.of("doc-3", "doc-7", "doc-1"), ids("budget", SortOrder.RELEVANCE));
        assertEquals(List.of("doc-7", "doc-6"), ids("greenhouse", SortOrder.RELEVANCE));
    }

    @Test
    void documentsWithMoreOfTheWordsComeFirst() throws IOException {
        // doc-1 has both (one in the title); doc-3 has only "budget", though in title, tags and body
        assertEquals(List.of("doc-1", "doc-3", "ann-8", "doc-7", "ann-4"), ids("meetings budget", SortOrder.RELEVANCE));
        assertEquals(List.of("doc-1", "doc-3", "doc-7"), ids("treasurer budget", SortOrder.RELEVANCE));
        assertEquals(List.of("ann-8", "doc-1", "ann-4"), ids("annual meeting", SortOrder.RELEVANCE), "meets is a form of meeting");
    }

    @Test
    void phrasesMatchExactly() throws IOException {
        assertEquals(List.of("ann-8"), ids("\"annual meeting\"", SortOrder.RELEVANCE));
        assertEquals(List.of(), ids("\"annual meetings\"", SortOrder.RELEVANCE));
        assertEquals(List.of("doc-12"), ids("\"rook endgame\"", SortOrder.RELEVANCE));
    }

    @Test
    void exclusionsOrAndPrefixes() throws IOException {
        assertEquals(List.of("doc-6"), ids("greenhouse -quote", SortOrder.RELEVANCE));
        assertEquals(List.of("doc-7", "doc-1"), ids("budget -tournament", SortOrder.RELEVANCE));
        assertEquals(List.of("doc-5", "doc-3", "doc-7", "doc-1"), ids("budget OR compost", SortOrder.RELEVANCE));
        assertEquals(List.of("doc-12"), ids("\"winning rook\" OR lucena", SortOrder.RELEVANCE));
        assertEquals(List.of("doc-12"), ids("endg*", SortOrder.RELEVANCE));
        assertEquals(List.of("doc-3", "doc-7", "doc-1"), ids("budg*", SortOrder.RELEVANCE));
    }

    @Test
    void eachFilter() throws IOException {
        assertEquals(List.of("ann-8", "doc-7", "doc-6", "doc-5", "doc-9"), ids("group:garden", SortOrder.DATE));
        assertEquals(List.of("doc-7", "doc-3"), ids("tag:budget", SortOrder.DATE));
        assertEquals(List.of("doc-7", "doc-5", "doc-2", "doc-12"), ids("type:pdf", SortOrder.DATE));
        assertEquals(List.of("doc-1", "doc-9"), ids("type:docx", SortOrder.DATE));
        assertEquals(List.of("ann-8", "ann-4"), ids("type:announcement", SortOrder.DATE));
        assertEquals(List.of("doc-3", "doc-1"), ids("author:lovelace", SortOrder.DATE));
        assertEquals(List.of("doc-5"), ids("author:\"Gertrude Jekyll\" compost", SortOrder.DATE));
        assertEquals(List.of("ann-8", "doc-6", "doc-5", "doc-9"), ids("group:garden -tag:budget", SortOrder.DATE));
        assertEquals(List.of("doc-7", "doc-6", "doc-5", "doc-2", "doc-12"), ids("type:pdf type:email", SortOrder.DATE));
    }

    @Test
    void filtersAloneListNewestFirstWithScoresJsonCanCarry() throws IOException {
        assertEquals(ids("group:garden", SortOrder.DATE), ids("group:garden", SortOrder.RELEVANCE), "no words: newest first");
        SearchResult byDate = index.search(parser.parse("budget"), PUBLIC, Map.of(), SortOrder.DATE, 1, 20);
        assertTrue(byDate.hits().stream().allMatch(hit -> Float.isFinite(hit.score())), byDate.hits().toString());
        SearchResult byScore = index.search(parser.parse("budget"), PUBLIC, Map.of(), SortOrder.RELEVANCE, 1, 20);
        assertTrue(byScore.hits().stream().allMatch(hit -> hit.score() > 0), "relevance hits carry their score: " + byScore.hits());
    }

    @Test
    void dates() throws IOException {
        assertEquals(List.of("ann-8", "doc-7", "ann-4", "doc-3"), ids("after:2026", SortOrder.DATE));
        assertEquals(List.of("doc-9", "doc-2", "doc-12"), ids("before:2025", SortOrder.DATE));
        assertEquals(List.of("doc-1"), ids("after:2025 before:2026 type:word", SortOrder.DATE));
        assertEquals(List.of("doc-7"), ids("after:2026-03-05 before:2026-03-06", SortOrder.DATE));
        assertEquals(List.of(), ids("after:2026 before:2025", SortOrder.DATE));
    }

    @Test
    void otherLanguagesAndStopWords() throws IOException {
        assertEquals(List.of("doc-9"), ids("riego", SortOrder.RELEVANCE));
        assertEquals(List.of("doc-9"), ids("jardin", SortOrder.RELEVANCE), "accents folded");
        assertEquals(9, ids("the", SortOrder.RELEVANCE).size(), "a stop word is still found exactly");
    }

    @Test
    void malformedInputIsAnswered() throws IOException {
        List<String> everything = List.of("ann-8", "doc-7", "ann-4", "doc-3", "doc-6", "doc-5", "doc-1", "doc-9", "doc-2", "doc-12");
        assertEquals(List.of("ann-8"), ids("\"annual meeting", SortOrder.RELEVANCE));
        assertEquals(everything, ids("AND OR", SortOrder.DATE));
        assertEquals(List.of("doc-3", "doc-7", "doc-1"), ids("*budget", SortOrder.RELEVANCE));
        assertEquals(everything, ids("", SortOrder.DATE));
        assertEquals(everything, ids("!!! ?? ... -", SortOrder.DATE));
        assertEquals(everything, ids("group: tag:", SortOrder.DATE));
        assertEquals(List.of("doc-5", "doc-3", "doc-7", "doc-1"), ids("((budget OR compost", SortOrder.RELEVANCE));
        assertEquals(List.of("doc-3", "doc-7", "doc-1"), ids("budget)) -(", SortOrder.RELEVANCE));
        String paste = "compost " + IntStream.range(0, 5_000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        assertEquals(List.of("doc-5"), ids(paste, SortOrder.RELEVANCE));
        assertEquals(List.of(), ids("a".repeat(50_000), SortOrder.RELEVANCE));
    }

    @Test
    void hitsCarryWhatAResultLineShows() throws IOException {
        SearchHit hit = index.search(parser.parse("\"annual meeting\""), PUBLIC, Map.of(), SortOrder.RELEVANCE, 1, 10).hits().get(0);
        assertEquals(new SearchHit("ann-8", SearchDocument.Kind.ANNOUNCEMENT, "Annual meeting date announced", "garden",
                "announcement", Instant.parse("2026-04-01T10:00:00Z"), hit.score(),
                "The <mark>annual meeting</mark> of the garden group will be held in May.", null), hit);
    }

    @Test
    void pagesAreSlicesOfOneExactTotal() throws IOException {
        ParsedQuery all = parser.parse("");
        List<List<String>> pages = List.of(
                List.of("ann-8", "doc-7", "ann-4", "doc-3"), List.of("doc-6", "doc-5", "doc-1", "doc-9"), List.of("doc-2", "doc-12"), List.of());
        for (int page = 1; page <= 4; page++) {
            SearchResult result = index.search(all, PUBLIC, Map.of(), SortOrder.DATE, page, 4);
            assertEquals(10, result.total());
            assertEquals(pages.get(page - 1), result.hits().stream().map(SearchHit::id).toList(), "page " + page);
        }
        SearchResult clamped = index.search(all, PUBLIC, Map.of(), SortOrder.DATE, 0, 1_000);
        assertEquals(1, clamped.page());
        assertEquals(ResultPages.MAX_PAGE_SIZE, clamped.size());
        assertEquals(10, clamped.hits().size());
    }

    @Test
    void facetsCountTheHits() throws IOException {
        Map<Facet, List<FacetValue>> facets = index.search(parser.parse(""), PUBLIC, Map.of(), SortOrder.DATE, 1, 1).facets();
        assertEquals(List.of(new FacetValue("chess", 5, false), new FacetValue("garden", 5, false)), facets.get(Facet.GROUP));
        assertEquals(List.of(new FacetValue("2026", 4, false), new FacetValue("2024", 3, false), new FacetValue("2025", 3, false)),
                facets.get(Facet.YEAR));
        assertEquals(List.of(new FacetValue("pdf", 4, false), new FacetValue("announcement", 2, false), new FacetValue("word", 2, false),
                new FacetValue("email", 1, false), new FacetValue("spreadsheet", 1, false)), facets.get(Facet.TYPE));
        assertEquals(List.of(new FacetValue("Gertrude Jekyll", 3, false), new FacetValue("Ada Lovelace", 2, false),
                new FacetValue("Bobby Fischer", 2, false), new FacetValue("Percy Thrower", 1, false)), facets.get(Facet.AUTHOR));
        assertEquals(new FacetValue("budget", 2, false), facets.get(Facet.TAG).get(0));
        assertEquals(10, facets.get(Facet.TAG).size());
    }

    @Test
    void selectedValuesNarrowAndTheirDimensionCountsSideways() throws IOException {
        SearchResult pdfInGarden = index.search(parser.parse(""), PUBLIC,
                Map.of(Facet.TYPE, Set.of("pdf"), Facet.GROUP, Set.of("garden")), SortOrder.DATE, 1, 10);
        assertEquals(List.of("doc-7", "doc-5"), pdfInGarden.hits().stream().map(SearchHit::id).toList());
        assertEquals(2, pdfInGarden.total());
        // the groups of pdfs, and the types in garden: what selecting another value would give
        assertEquals(List.of(new FacetValue("chess", 2, false), new FacetValue("garden", 2, true)), pdfInGarden.facets().get(Facet.GROUP));
        assertEquals(List.of(new FacetValue("pdf", 2, true), new FacetValue("announcement", 1, false), new FacetValue("email", 1, false),
                new FacetValue("word", 1, false)), pdfInGarden.facets().get(Facet.TYPE));
        assertEquals(List.of(new FacetValue("2025", 1, false), new FacetValue("2026", 1, false)), pdfInGarden.facets().get(Facet.YEAR));

        SearchResult pdfOrWord = index.search(parser.parse(""), PUBLIC, Map.of(Facet.TYPE, Set.of("pdf", "word")), SortOrder.DATE, 1, 10);
        assertEquals(6, pdfOrWord.total());
        SearchResult nothing = index.search(parser.parse("compost"), PUBLIC, Map.of(Facet.TAG, Set.of("nonesuch")), SortOrder.DATE, 1, 10);
        assertEquals(0, nothing.total());
        // the tag dimension is counted without its own selection: compost's tags, and the chosen one
        assertEquals(List.of(new FacetValue("compost", 1, false), new FacetValue("howto", 1, false), new FacetValue("nonesuch", 0, true)),
                nothing.facets().get(Facet.TAG));
    }

    @Test
    void aBoardMemberSeesTheBoardsDocumentsToo() throws IOException {
        assertEquals(List.of("doc-11", "doc-3", "doc-10", "doc-1"), ids("author:lovelace", BOARD_MEMBER, SortOrder.DATE));
        assertEquals(List.of("doc-11", "doc-1", "doc-6"), ids("minutes", BOARD_MEMBER, SortOrder.RELEVANCE));
        assertEquals(List.of("doc-1", "doc-6"), ids("minutes", SortOrder.RELEVANCE));
    }

    /** Facet ordinals are kept per reader: a reopened reader must count what changed, not what its predecessor saw. */
    @Test
    void facetsFollowChangesAfterARefresh() throws IOException {
        try (ByteBuffersDirectory own = new ByteBuffersDirectory(); IndexSearch changing = Corpus.indexed(new IndexSearch(own))) {
            assertEquals(List.of(new FacetValue("chess", 5, false), new FacetValue("garden", 5, false)), groups(changing));

            changing.index(Corpus.document(90, Corpus.CHESS, "chess", "Blitz rules", "pdf", "2026-03-01", "Magnus Carlsen",
                    "blitz.pdf", List.of("rules"), new Part(null, "Three minutes each.")));
            changing.refresh();
            assertEquals(List.of(new FacetValue("chess", 6, false), new FacetValue("garden", 5, false)), groups(changing));
            assertTrue(changing.search(parser.parse(""), PUBLIC, Map.of(), SortOrder.DATE, 1, 1).facets().get(Facet.AUTHOR)
                    .contains(new FacetValue("Magnus Carlsen", 1, false)));

            changing.delete(SearchDocument.documentId(90));
            changing.refresh();
            assertEquals(List.of(new FacetValue("chess", 5, false), new FacetValue("garden", 5, false)), groups(changing));
        }
    }

    private List<FacetValue> groups(IndexSearch in) throws IOException {
        return in.search(parser.parse(""), PUBLIC, Map.of(), SortOrder.DATE, 1, 1).facets().get(Facet.GROUP);
    }
}
