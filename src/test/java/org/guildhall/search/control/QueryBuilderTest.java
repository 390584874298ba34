package org.guildhall.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.junit.jupiter.api.Test;

class QueryBuilderTest {

    private final QueryBuilder cut = new QueryBuilder(Analyzers.perField());
    private final SearchQueryParser parser = new SearchQueryParser();

    @Test
    void theReadersGroupsAreAlwaysAFilter() {
        BooleanQuery query = (BooleanQuery) cut.build(parser.parse("budget"), Set.of(1L, 2L));
        BooleanClause permission = query.clauses().get(0);
        assertEquals(Occur.FILTER, permission.occur());
        BooleanQuery keysAndTime = assertInstanceOf(BooleanQuery.class, permission.query());
        TermInSetQuery groups = assertInstanceOf(TermInSetQuery.class, keysAndTime.clauses().get(0).query());
        assertEquals(2, groups.getTermsCount());
        assertEquals(Fields.ACCESS, groups.getField());
        // a scheduled entry stays hidden until its time
        assertEquals(Fields.VISIBLE_FROM, ((org.apache.lucene.search.PointRangeQuery) keysAndTime.clauses().get(1).query()).getField());
    }

    @Test
    void noReadableGroupsMatchNothing() {
        BooleanQuery query = (BooleanQuery) cut.build(parser.parse(""), Set.of());
        assertInstanceOf(MatchNoDocsQuery.class, query.clauses().get(0).query());
        assertInstanceOf(MatchNoDocsQuery.class, QueryBuilder.permission((Readers) null));
    }

    @Test
    void aPastedPageStaysUnderLucenesClauseLimit() {
        String words = IntStream.range(0, 5_000).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        int clauses = ClauseCount.of(cut.build(parser.parse(words + " author:ada group:chess after:2020"), Set.of(1L, 2L, 3L)));
        assertTrue(clauses <= IndexSearcher.getMaxClauseCount(), clauses + " clauses");
        assertTrue(clauses >= SearchQueryParser.MAX_TERMS * 14, clauses + " clauses: every word the parser kept is asked for");

        String mixed = IntStream.range(0, 5_000).mapToObj(i -> "w" + i + " \"p" + i + " q\" -x" + i + " y" + i + "*")
                .collect(Collectors.joining(" OR "));
        assertTrue(ClauseCount.of(cut.build(parser.parse(mixed), Set.of(1L))) <= IndexSearcher.getMaxClauseCount());
    }

    @Test
    void theBuilderCutsWhatTheParserWouldNotHaveLetThrough() {
        List<String> words = IntStream.range(0, 500).mapToObj(i -> "word" + i).toList();
        ParsedQuery tooMany = new ParsedQuery(words, List.of(), List.of(), List.of(), List.of(), null, null, "", false);
        int clauses = ClauseCount.of(cut.build(tooMany, Set.of(1L)));
        assertTrue(clauses <= IndexSearcher.getMaxClauseCount(), clauses + " clauses");
    }
}
