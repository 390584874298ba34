package org.guildhall.search.control;

import static org.guildhall.search.control.Corpus.BOARD_MEMBER;
import static org.guildhall.search.control.Corpus.PUBLIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What exists only in the private board group ("pomegranate", "confidential", the group itself)
 * shows nowhere to a reader without it: not as a hit, a count, a facet value, a completion or a
 * spelling hint. A board member gets all of it.
 */
class SearchPermissionsTest {

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

    private SearchResult search(String query, Set<Long> readable) throws IOException {
        return index.search(parser.parse(query), readable, Map.of(), SortOrder.RELEVANCE, 1, 20);
    }

    @Test
    void aPrivateWordFindsNothingOutsideTheGroup() throws IOException {
        SearchResult outsider = search("pomegranate", PUBLIC);
        assertEquals(0, outsider.total());
        assertEquals(List.of(), outsider.hits());
        outsider.facets().forEach((facet, values) -> assertEquals(List.of(), values, facet.name()));

        SearchResult member = search("pomegranate", BOARD_MEMBER);
        assertEquals(1, member.total());
        assertEquals("doc-11", member.hits().get(0).id());
        assertEquals("The board discussed the <mark>pomegranate</mark> merger. Minutes approved.", member.hits().get(0).snippet());
        assertEquals(List.of(new FacetValue("board", 1, false)), member.facets().get(Facet.GROUP));
    }

    @Test
    void countsAndFacetsLeaveOutWhatCannotBeRead() throws IOException {
        SearchResult outsider = search("minutes treasurer", PUBLIC);
        assertEquals(2, outsider.total());
        assertEquals(List.of(new FacetValue("chess", 1, false), new FacetValue("garden", 1, false)), outsider.facets().get(Facet.GROUP));
        assertFalse(outsider.facets().get(Facet.TAG).stream().anyMatch(v -> v.value().equals("board") || v.value().equals("salaries")));

        SearchResult member = search("minutes treasurer", BOARD_MEMBER);
        assertEquals(4, member.total());
        assertEquals(List.of(new FacetValue("board", 2, false), new FacetValue("chess", 1, false), new FacetValue("garden", 1, false)),
                member.facets().get(Facet.GROUP));
        assertEquals(new FacetValue("Ada Lovelace", 3, false), member.facets().get(Facet.AUTHOR).get(0));
    }

    @Test
    void selectingAPrivateGroupGivesNothing() throws IOException {
        SearchResult result = index.search(parser.parse("group:board"), PUBLIC, Map.of(Facet.GROUP, Set.of("board")), SortOrder.DATE, 1, 10);
        assertEquals(0, result.total());
        assertEquals(List.of(new FacetValue("board", 0, true)), result.facets().get(Facet.GROUP));
    }

    @Test
    void noReadableGroupsFindNothingAtAll() throws IOException {
        assertEquals(0, search("", Set.of()).total());
        assertEquals(0, search("budget", Set.of()).total());
        assertEquals(List.of(), index.suggest("bud", Set.of()));
        assertEquals(Optional.empty(), index.didYouMean("budgit", Set.of()));
    }

    @Test
    void completionsComeFromVisibleTitlesAndTags() throws IOException {
        assertEquals(List.of(), index.suggest("confid", PUBLIC));
        assertEquals(List.of(new Suggestion("confidential", Suggestion.Source.TAG),
                new Suggestion("Confidential salary review", Suggestion.Source.TITLE)), index.suggest("Confid", BOARD_MEMBER));
        assertEquals(List.of(new Suggestion("budget", Suggestion.Source.TAG), new Suggestion("Tournament budget 2026", Suggestion.Source.TITLE)),
                index.suggest("bud", PUBLIC));
        assertEquals(List.of(new Suggestion("minutes", Suggestion.Source.TAG),
                new Suggestion("Annual General Meeting minutes 2025", Suggestion.Source.TITLE)), index.suggest("minu", PUBLIC));
        assertEquals(List.of(new Suggestion("minutes", Suggestion.Source.TAG),
                new Suggestion("Minutes of the closed board meeting", Suggestion.Source.TITLE),
                new Suggestion("Annual General Meeting minutes 2025", Suggestion.Source.TITLE)), index.suggest("minutes", BOARD_MEMBER));
        assertEquals(List.of(new Suggestion("Annual meeting date announced", Suggestion.Source.TITLE),
                new Suggestion("Annual General Meeting minutes 2025", Suggestion.Source.TITLE)), index.suggest("annual me", PUBLIC));
        assertEquals(List.of(), index.suggest("  !!", PUBLIC));
    }

    @Test
    void spellingHintsComeFromVisibleWords() throws IOException {
        assertEquals(Optional.empty(), index.didYouMean("pomegranat", PUBLIC));
        assertEquals(Optional.of("pomegranate"), index.didYouMean("pomegranat", BOARD_MEMBER));
        assertEquals(Optional.of("compost"), index.didYouMean("compst", PUBLIC));
        assertEquals(Optional.of("greenhouse"), index.didYouMean("Greenhose", PUBLIC));
        assertEquals(Optional.empty(), index.didYouMean("compost", PUBLIC), "a word that is found needs no hint");
        assertEquals(Optional.empty(), index.didYouMean("two words", PUBLIC));
        assertTrue(index.didYouMean("xqzvbn", PUBLIC).isEmpty());
    }
}
