package org.guildhall.search.control;

/**
 * One value of a facet with the number of hits it would leave.
 *
 * @param selected whether the request narrowed to it already
 */
public record FacetValue(String value, long count, boolean selected) {
}
