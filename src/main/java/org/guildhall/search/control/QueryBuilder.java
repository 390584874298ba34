package org.guildhall.search.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.guildhall.search.control.ParsedQuery.QueryTerm;

/**
 * Makes the Lucene query for a {@link ParsedQuery} and a reader's groups. The permission filter
 * is a clause of every query, so counts, facets and pages never see another group's documents.
 */
public final class QueryBuilder {

    /**
     * Lucene counts every leaf of a query against {@link IndexSearcher#getMaxClauseCount()}; the
     * text clauses stop here, leaving room for the filters, whatever was typed.
     */
    static final int TEXT_CLAUSE_BUDGET = IndexSearcher.getMaxClauseCount() - 200;

    private final TextQueries text;
    private final FilterQueries filters;

    public QueryBuilder(Analyzer analyzer) {
        this.text = new TextQueries(analyzer);
        this.filters = new FilterQueries(analyzer);
    }

    /**
     * The text part as one required clause (inside it, words are optional when a phrase or OR
     * group is required, and at least one must match otherwise), exclusions, the typed filters,
     * and the reader's groups. Without words, phrases or prefixes it matches all that the
     * filters allow.
     */
    public Query build(ParsedQuery parsed, Set<Long> readableGroupIds) {
        return build(parsed, Readers.ofGroups(readableGroupIds));
    }

    public Query build(ParsedQuery parsed, Readers readers) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(permission(readers), Occur.FILTER);
        filters.add(query, parsed.filters(), Occur.FILTER);
        filters.add(query, parsed.excludedFilters(), Occur.MUST_NOT);
        int[] budget = {TEXT_CLAUSE_BUDGET};
        Query positive = positive(parsed, budget);
        query.add(positive == null ? new MatchAllDocsQuery() : positive, Occur.MUST);
        for (QueryTerm term : parsed.excluded()) {
            addWithin(query, text.any(term), Occur.MUST_NOT, budget);
        }
        return query.build();
    }

    /** The reader's groups as a filter; an empty set matches nothing. */
    public static Query permission(Set<Long> readableGroupIds) {
        return permission(Readers.ofGroups(readableGroupIds == null ? Set.of() : readableGroupIds));
    }

    /** Entries carrying one of the reader's keys and already visible at the reader's time; no keys match nothing. */
    public static Query permission(Readers readers) {
        if (readers == null || readers.keys().isEmpty()) {
            return new MatchNoDocsQuery("no readable groups");
        }
        return new BooleanQuery.Builder()
                .add(new TermInSetQuery(Fields.ACCESS, bytes(readers.keys(), key -> key)), Occur.FILTER)
                .add(LongPoint.newRangeQuery(Fields.VISIBLE_FROM, Long.MIN_VALUE, readers.now().toEpochMilli()), Occur.FILTER)
                .build();
    }

    /** A query limited to the reader's groups and nothing else: suggestions and spelling checks. */
    public static Query within(Query query, Query permission) {
        return new BooleanQuery.Builder().add(query, Occur.MUST).add(permission, Occur.FILTER).build();
    }

    /** Only what the highlighter should mark in the body text: words, prefixes and phrases. */
    public Query highlight(ParsedQuery parsed) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        List<QueryTerm> all = new ArrayList<>();
        parsed.terms().forEach(t -> all.add(new QueryTerm(t, ParsedQuery.Form.WORD)));
        parsed.phrases().forEach(t -> all.add(new QueryTerm(t, ParsedQuery.Form.PHRASE)));
        parsed.prefixes().forEach(t -> all.add(new QueryTerm(t, ParsedQuery.Form.PREFIX)));
        parsed.orGroups().forEach(all::addAll);
        for (QueryTerm term : all) {
            Query body = text.body(term);
            if (body != null) {
                query.add(body, Occur.SHOULD);
            }
        }
        return query.build();
    }

    private Query positive(ParsedQuery parsed, int[] budget) {
        BooleanQuery.Builder positive = new BooleanQuery.Builder();
        boolean any = false;
        for (String phrase : parsed.phrases()) {
            any |= addWithin(positive, text.phrase(phrase), Occur.MUST, budget);
        }
        for (List<QueryTerm> group : parsed.orGroups()) {
            BooleanQuery.Builder alternatives = new BooleanQuery.Builder();
            boolean some = false;
            for (QueryTerm term : group) {
                some |= addWithin(alternatives, text.any(term), Occur.SHOULD, budget);
            }
            if (some) {
                positive.add(alternatives.build(), Occur.MUST);
                any = true;
            }
        }
        for (String word : parsed.terms()) {
            any |= addWithin(positive, text.word(word), Occur.SHOULD, budget);
        }
        for (String prefix : parsed.prefixes()) {
            any |= addWithin(positive, text.prefix(prefix), Occur.SHOULD, budget);
        }
        return any ? positive.build() : null;
    }

    /** Adds the clause when it fits what is left of the budget; a query past it is cut, not refused. */
    private static boolean addWithin(BooleanQuery.Builder builder, Query clause, Occur occur, int[] budget) {
        if (clause == null) {
            return false;
        }
        int leaves = ClauseCount.of(clause);
        if (leaves > budget[0]) {
            return false;
        }
        budget[0] -= leaves;
        builder.add(clause, occur);
        return true;
    }

    static Query boosted(Query query, float boost) {
        return query == null ? null : new BoostQuery(query, boost);
    }

    static <T> List<BytesRef> bytes(Collection<T> values, Function<T, String> text) {
        return values.stream().map(v -> new BytesRef(text.apply(v))).toList();
    }
}
