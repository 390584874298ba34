package org.guildhall.search.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Counts per facet value over the hits of a query that already holds the permission filter, so
 * no count includes a document the reader may not see. Selected values narrow the hits; a
 * dimension with selections is counted "sideways", without its own selection, so the other
 * values of it show what adding them would give.
 */
final class FacetCounts {

    static final int TOP_VALUES = 20;

    private static final Map<IndexReader.CacheKey, Map<String, Optional<StringDocValuesReaderState>>> STATES = new ConcurrentHashMap<>();

    private FacetCounts() {
    }

    /**
     * @param hits       what the whole query (base and every selection) matched
     * @param base       the query without the selections
     * @param selections per dimension with selected values, the filter they make
     */
    static Map<Facet, List<FacetValue>> count(IndexSearcher searcher, FacetsCollector hits, Query base,
            Map<Facet, Query> selections, Map<Facet, Set<String>> selected) throws IOException {
        Map<Facet, List<FacetValue>> facets = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            FacetsCollector counted = selections.containsKey(facet)
                    ? searcher.search(narrowed(base, selections, facet), new FacetsCollectorManager())
                    : hits;
            facets.put(facet, values(searcher.getIndexReader(), counted, facet, selected.getOrDefault(facet, Set.of()), v -> true));
        }
        return facets;
    }

    /** The base query with every dimension's selection except {@code without}'s. */
    static Query narrowed(Query base, Map<Facet, Query> selections, Facet without) {
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(base, Occur.MUST);
        selections.forEach((facet, filter) -> {
            if (facet != without) {
                query.add(filter, Occur.FILTER);
            }
        });
        return query.build();
    }

    /**
     * The ordinals of a field's values across the reader's segments, built once per reader
     * rather than per search: building them walks every value of every segment (issue 6). A
     * searcher's reader lives until the next reopen; its entry goes when it closes. Empty when
     * no document has the field yet.
     */
    static Optional<StringDocValuesReaderState> state(IndexReader reader, String field) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            return newState(reader, field);
        }
        Map<String, Optional<StringDocValuesReaderState>> fields = STATES.computeIfAbsent(helper.getKey(), key -> {
            helper.addClosedListener(STATES::remove);
            return new ConcurrentHashMap<>();
        });
        Optional<StringDocValuesReaderState> state = fields.get(field);
        if (state == null) {
            // two searches may both build it; the second one's copy is simply dropped
            state = newState(reader, field);
            fields.putIfAbsent(field, state);
        }
        return state;
    }

    private static Optional<StringDocValuesReaderState> newState(IndexReader reader, String field) throws IOException {
        // no document has the field yet (an empty index): there is nothing to count
        if (FieldInfos.getMergedFieldInfos(reader).fieldInfo(field) == null) {
            return Optional.empty();
        }
        return Optional.of(new StringDocValuesReaderState(reader, field));
    }

    /** The top values among those kept, by count; selected values always among them. */
    static List<FacetValue> values(IndexReader reader, FacetsCollector hits, Facet facet, Set<String> selected,
            Predicate<String> keep) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Optional<StringDocValuesReaderState> state = state(reader, facet.field());
        if (state.isPresent()) {
            StringValueFacetCounts values = new StringValueFacetCounts(state.get(), hits);
            FacetResult result = values.getAllChildren(facet.field());
            if (result != null) {
                for (LabelAndValue value : result.labelValues) {
                    if (keep.test(value.label)) {
                        counts.put(value.label, value.value.longValue());
                    }
                }
            }
        }
        List<FacetValue> list = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_VALUES)
                .forEach(e -> list.add(new FacetValue(e.getKey(), e.getValue(), selected.contains(e.getKey()))));
        // a selected value stays visible (to be unselected) even when it counts nothing or little
        for (String value : selected) {
            if (list.stream().noneMatch(v -> v.value().equals(value))) {
                list.add(new FacetValue(value, counts.getOrDefault(value, 0L), true));
            }
        }
        return List.copyOf(list);
    }
}
