package org.guildhall.search.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** The top values among those kept, by count; selected values always among them. */
    static List<FacetValue> values(IndexReader reader, FacetsCollector hits, Facet facet, Set<String> selected,
            Predicate<String> keep) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        // no document has the field yet (an empty index): there is nothing to count
        if (FieldInfos.getMergedFieldInfos(reader).fieldInfo(facet.field()) != null) {
            StringValueFacetCounts values = new StringValueFacetCounts(new StringDocValuesReaderState(reader, facet.field()), hits);
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
