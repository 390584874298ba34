package org.guildhall.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.guildhall.search.control.ParsedQuery.Form;
import org.guildhall.search.control.ParsedQuery.QueryTerm;
import org.junit.jupiter.api.Test;

class SearchQueryParserTest {

    private final SearchQueryParser cut = new SearchQueryParser();

    @Test
    void plainWordsPhrasesPrefixesAndExclusions() {
        ParsedQuery query = cut.parse("budget \"annual meeting\" endg* -draft -\"old plan\"");
        assertEquals(List.of("budget"), query.terms());
        assertEquals(List.of("annual meeting"), query.phrases());
        assertEquals(List.of("endg"), query.prefixes());
        assertEquals(List.of(new QueryTerm("draft", Form.WORD), new QueryTerm("old plan", Form.PHRASE)), query.excluded());
        assertEquals("budget \"annual meeting\" endg* -draft -\"old plan\"", query.understood());
        assertFalse(query.truncated());
    }

    @Test
    void orJoinsTheTermsBesideIt() {
        ParsedQuery query = cut.parse("chess \"rook endgame\" OR lucena OR pawn* garden");
        assertEquals(List.of(List.of(new QueryTerm("rook endgame", Form.PHRASE), new QueryTerm("lucena", Form.WORD),
                new QueryTerm("pawn", Form.PREFIX))), query.orGroups());
        assertEquals(List.of("chess", "garden"), query.terms());
        assertEquals(List.of(), query.phrases());
        assertEquals("chess \"rook endgame\" OR lucena OR pawn* garden", query.understood());
    }

    @Test
    void filtersAreReadAndNormalised() {
        ParsedQuery query = cut.parse("group:Chess tag:\"Annual  Meeting\" type:XLSX author:\"Ada Lovelace\" after:2025-03 before:2026 -tag:draft");
        ParsedQuery.Filters filters = query.filters();
        assertEquals(List.of("chess"), filters.groups());
        assertEquals(List.of("annual meeting"), filters.tags());
        assertEquals(List.of("spreadsheet"), filters.types());
        assertEquals(List.of("Ada Lovelace"), filters.authors());
        assertEquals(LocalDate.of(2025, 3, 1), filters.after());
        assertEquals(LocalDate.of(2026, 1, 1), filters.before());
        assertEquals(List.of("draft"), query.excludedFilters().tags());
        assertFalse(query.hasPositive());
        assertEquals("group:chess tag:\"annual meeting\" type:spreadsheet author:\"Ada Lovelace\" after:2025-03-01 "
                + "before:2026-01-01 -tag:draft", query.understood());
    }

    @Test
    void aFilterThatIsNoFilterIsReadAsAWord() {
        ParsedQuery query = cut.parse("after:yesterday before:2026-13-01 group: foo:bar");
        assertEquals(List.of("after:yesterday", "before:2026-13-01", "foo:bar"), query.terms());
        assertNull(query.filters().after());
        assertTrue(query.filters().isEmpty());
    }

    @Test
    void malformedInputIsReadLiterally() {
        assertEquals("\"unclosed phrase\"", cut.parse("\"unclosed phrase").understood());
        assertEquals("", cut.parse("AND OR").understood());
        assertEquals("foo", cut.parse("*foo").understood());
        assertEquals("", cut.parse("").understood());
        assertEquals("", cut.parse(null).understood());
        assertEquals("", cut.parse("!!! ... ?? - -- \" \"\"").understood());
        assertEquals("budget OR compost", cut.parse("((budget OR compost").understood());
        assertEquals("budget minutes", cut.parse("budget) AND (minutes))").understood());
        assertEquals("a OR b", cut.parse("OR a OR b OR").understood());
        assertEquals("-bud* -c", cut.parse("NOT bud* NOT c").understood());
        assertEquals("x*y z", cut.parse("x*y z*?").understood());
    }

    @Test
    void aPastedPageIsCutToWhatAQueryCanHold() {
        String paste = IntStream.range(0, 5_000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        ParsedQuery query = cut.parse(paste);
        assertEquals(SearchQueryParser.MAX_TERMS, query.terms().size());
        assertEquals("word0", query.terms().get(0));
        assertTrue(query.truncated());
    }

    @Test
    void repeatedWordsCountOnce() {
        ParsedQuery query = cut.parse("Budget budget BUDGET -x -x");
        assertEquals(List.of("Budget"), query.terms());
        assertEquals(1, query.excluded().size());
    }

    @Test
    void shortOrOddPrefixesAreWords() {
        assertEquals(List.of("a"), cut.parse("a*").terms());
        assertEquals(List.of("e-mail"), cut.parse("e-mail*").terms());
        assertEquals(List.of("bu"), cut.parse("bu*").prefixes());
    }
}
