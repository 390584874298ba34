package org.guildhall.search.control;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.guildhall.search.control.ParsedQuery.Filters;

/**
 * The typed filters as clauses: several values of one filter match any of them, different
 * filters all apply. Keyword filters compare with the indexed terms; author: matches the words of
 * the name in order, so "author:lovelace" and author:"Ada Lovelace" both find Ada Lovelace.
 */
final class FilterQueries {

    private final org.apache.lucene.util.QueryBuilder analysis;

    FilterQueries(Analyzer analyzer) {
        this.analysis = new org.apache.lucene.util.QueryBuilder(analyzer);
    }

    void add(BooleanQuery.Builder query, Filters filters, Occur occur) {
        addTerms(query, Fields.GROUP, filters.groups(), occur);
        addTerms(query, Fields.TAG, filters.tags(), occur);
        addTerms(query, Fields.TYPE, filters.types(), occur);
        if (!filters.authors().isEmpty()) {
            BooleanQuery.Builder authors = new BooleanQuery.Builder();
            boolean any = false;
            for (String author : filters.authors()) {
                Query name = analysis.createPhraseQuery(Fields.AUTHOR_TEXT, author);
                if (name != null) {
                    authors.add(name, Occur.SHOULD);
                    any = true;
                }
            }
            if (any) {
                query.add(authors.build(), occur);
            } else if (occur == Occur.FILTER) {
                // an author whose name has no letters or digits wrote nothing here
                query.add(new MatchNoDocsQuery("author without letters"), occur);
            }
        }
        if (occur == Occur.FILTER && (filters.after() != null || filters.before() != null)) {
            query.add(dates(filters.after(), filters.before()), occur);
        }
    }

    private static void addTerms(BooleanQuery.Builder query, String field, List<String> values, Occur occur) {
        if (!values.isEmpty()) {
            query.add(new TermInSetQuery(field, QueryBuilder.bytes(values, Function.identity())), occur);
        }
    }

    /** From the start of {@code after}'s day up to, not including, the start of {@code before}'s. */
    static Query dates(LocalDate after, LocalDate before) {
        long from = after == null ? Long.MIN_VALUE : millis(after);
        long to = before == null ? Long.MAX_VALUE : millis(before) - 1;
        return from > to ? new MatchNoDocsQuery("after is not before before") : LongField.newRangeQuery(Fields.DATE, from, to);
    }

    private static long millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
