package org.guildhall.search.control;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One page of results.
 *
 * @param total  all hits the reader may see, exactly
 * @param facets per dimension, values by count (highest first); for a dimension with selected
 *               values, the counts are what each value would give with the other dimensions'
 *               selections only, so further values of it can be added
 */
public record SearchResult(List<SearchHit> hits, long total, Map<Facet, List<FacetValue>> facets, int page, int size) {

    public static SearchResult empty(int page, int size) {
        return new SearchResult(List.of(), 0, Map.of(), page, size);
    }

    public SearchResult {
        hits = List.copyOf(hits);
        // in the order of Facet, as the page shows them
        EnumMap<Facet, List<FacetValue>> ordered = new EnumMap<>(Facet.class);
        facets.forEach((facet, values) -> ordered.put(facet, List.copyOf(values)));
        facets = Collections.unmodifiableMap(ordered);
    }
}
