package org.guildhall.search.control;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.guildhall.search.control.SnippetFormatter.Snippet;

/** One page of hits with its exact total, facet counts and snippets, on a searcher the caller holds. */
final class ResultPages {

    static final int MAX_PAGE_SIZE = 100;
    /** Hits past this are counted but not paged to; nobody reads page 500. */
    static final int MAX_DEPTH = 10_000;

    private final Analyzer analyzer;
    private final QueryBuilder queries;
    private final StoredHits stored;

    ResultPages(Analyzer analyzer, QueryBuilder queries, StoredHits stored) {
        this.analyzer = analyzer;
        this.queries = queries;
        this.stored = stored;
    }

    SearchResult page(IndexSearcher searcher, ParsedQuery parsed, Readers readers,
            Map<Facet, Set<String>> selected, SortOrder order, int page, int size) throws IOException {
        int pageSize = Math.clamp(size, 1, MAX_PAGE_SIZE);
        int pageNumber = Math.max(1, page);
        Query base = queries.build(parsed, readers);
        Map<Facet, Query> selections = selections(selected);
        Query query = FacetCounts.narrowed(base, selections, null);
        int from = (int) Math.min((long) (pageNumber - 1) * pageSize, MAX_DEPTH);
        int wanted = Math.min(from + pageSize, MAX_DEPTH);
        // without words every hit scores the same: newest first is the only useful order
        boolean byDate = order == SortOrder.DATE || !parsed.hasPositive();
        // exact totals: count every hit rather than stopping at a threshold
        CollectorManager<?, ? extends TopDocs> top = new TopFieldCollectorManager(byDate ? newestFirst() : bestFirst(), wanted, null,
                Integer.MAX_VALUE);
        Object[] results = searcher.search(query, new MultiCollectorManager(top, new FacetsCollectorManager()));
        TopDocs topDocs = (TopDocs) results[0];
        FacetsCollector hits = (FacetsCollector) results[1];
        Map<Facet, List<FacetValue>> facets = FacetCounts.count(searcher, hits, base, selections, selected);
        List<SearchHit> pageHits = hits(searcher, parsed, topDocs.scoreDocs, from);
        return new SearchResult(pageHits, topDocs.totalHits.value(), facets, pageNumber, pageSize);
    }

    /**
     * A sorted search leaves {@code ScoreDoc.score} unset (NaN, which JSON cannot carry) and
     * keeps the score among the sort values, the only Float there.
     */
    private static float score(ScoreDoc hit) {
        if (hit instanceof FieldDoc sorted) {
            for (Object value : sorted.fields) {
                if (value instanceof Float score) {
                    return score;
                }
            }
        }
        return Float.isNaN(hit.score) ? 0f : hit.score;
    }

    /**
     * Best first; equal scores newest first, so the order does not depend on where entries sit
     * in the index (it would change after a rebuild otherwise).
     */
    static Sort bestFirst() {
        return new Sort(SortField.FIELD_SCORE, LongField.newSortField(Fields.DATE, true, SortedNumericSelector.Type.MAX));
    }

    /** Newest first; equal dates by score, so the order is stable. */
    static Sort newestFirst() {
        return new Sort(LongField.newSortField(Fields.DATE, true, SortedNumericSelector.Type.MAX), SortField.FIELD_SCORE);
    }

    private static Map<Facet, Query> selections(Map<Facet, Set<String>> selected) {
        Map<Facet, Query> selections = new EnumMap<>(Facet.class);
        if (selected != null) {
            selected.forEach((facet, values) -> {
                if (facet != null && values != null && !values.isEmpty()) {
                    selections.put(facet, new TermInSetQuery(facet.field(), QueryBuilder.bytes(values, v -> v)));
                }
            });
        }
        return selections;
    }

    private List<SearchHit> hits(IndexSearcher searcher, ParsedQuery parsed, ScoreDoc[] scoreDocs, int from)
            throws IOException {
        int count = Math.max(0, scoreDocs.length - from);
        int[] docIds = new int[count];
        for (int i = 0; i < count; i++) {
            docIds[i] = scoreDocs[from + i].doc;
        }
        StoredHits.StoredHit[] read = stored.read(searcher, docIds);
        String[] bodies = new String[count];
        for (int i = 0; i < count; i++) {
            bodies[i] = read[i].body();
        }
        Snippet[] snippets = Snippets.of(searcher, analyzer, queries.highlight(parsed), docIds, bodies);
        List<SearchHit> hits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StoredHits.StoredHit hit = read[i];
            hits.add(new SearchHit(hit.id(), hit.kind(), hit.title(), hit.group(), hit.type(), Instant.ofEpochMilli(hit.date()),
                    score(scoreDocs[from + i]), snippets[i].html(), attachment(hit.parts(), snippets[i].part())));
        }
        return hits;
    }

    /** The embedded entry a snippet's part is, or null for the file itself (path ""). */
    private static String attachment(String[] paths, int part) {
        if (part < 0 || part >= paths.length || paths[part].isEmpty()) {
            return null;
        }
        return DocumentMapper.attachmentName(paths[part]);
    }
}
