package org.guildhall.search.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guildhall.search.control.Facet;
import org.guildhall.search.control.Suggestion;

/**
 * The search page's address for a query, its selected facet values, sort and page: every facet,
 * sort and pager link on the page is one of these, a plain GET link that can be bookmarked and
 * followed without JavaScript. Immutable; each change makes a new link.
 */
public final class SearchLink {

    static final String PAGE = "/search.xhtml";
    static final int MAX_QUERY_CHARS = 1000;

    private final String q;
    private final Map<Facet, Set<String>> selected;
    private final String sort;
    private final int page;

    public SearchLink(String q, Map<Facet, Set<String>> selected, String sort, int page) {
        this.q = q == null ? "" : q;
        this.selected = new EnumMap<>(Facet.class);
        selected.forEach((facet, values) -> {
            if (!values.isEmpty()) {
                this.selected.put(facet, new LinkedHashSet<>(values));
            }
        });
        this.sort = "date".equals(sort) ? "date" : "relevance";
        this.page = Math.max(1, page);
    }

    /** The search page for this typed query, nothing selected. */
    public static SearchLink of(String q) {
        return new SearchLink(q, Map.of(), "relevance", 1);
    }

    /**
     * What picking an autocomplete suggestion searches for: a tag as a {@code tag:} filter, a
     * title as a quoted phrase (inner quotes would end the phrase early, so they become spaces).
     */
    public static String query(Suggestion suggestion) {
        String text = suggestion.text().replace('"', ' ').strip();
        return switch (suggestion.source()) {
            case TAG -> "tag:" + (text.chars().anyMatch(Character::isWhitespace) ? '"' + text + '"' : text);
            case TITLE -> '"' + text + '"';
        };
    }

    /**
     * A typed query short enough for an address (servers refuse request lines of more than a
     * few kilobytes; the query parser reads no more than 48 words anyway): stripped, and cut at
     * the last space before {@value #MAX_QUERY_CHARS} characters.
     */
    public static String cut(String q) {
        String text = q == null ? "" : q.strip();
        if (text.length() <= MAX_QUERY_CHARS) {
            return text;
        }
        int space = text.lastIndexOf(' ', MAX_QUERY_CHARS);
        return text.substring(0, space > 0 ? space : MAX_QUERY_CHARS).strip();
    }

    /** The URL parameter a facet narrows by: group, type, year, tag, author. */
    public static String parameter(Facet facet) {
        return facet.name().toLowerCase(Locale.ROOT);
    }

    /** With this value of the facet selected as well; back to the first page, as the hits change. */
    public SearchLink with(Facet facet, String value) {
        Map<Facet, Set<String>> next = copy();
        next.computeIfAbsent(facet, f -> new LinkedHashSet<>()).add(value);
        return new SearchLink(q, next, sort, 1);
    }

    /** Without this value of the facet; back to the first page. */
    public SearchLink without(Facet facet, String value) {
        Map<Facet, Set<String>> next = copy();
        Set<String> values = next.get(facet);
        if (values != null) {
            values.remove(value);
        }
        return new SearchLink(q, next, sort, 1);
    }

    /** The same selection for another query (a corrected spelling); back to the first page. */
    public SearchLink query(String other) {
        return new SearchLink(other, selected, sort, 1);
    }

    public SearchLink sorted(String order) {
        return new SearchLink(q, selected, order, 1);
    }

    public SearchLink page(int number) {
        return new SearchLink(q, selected, sort, number);
    }

    public String q() {
        return q;
    }

    public boolean isSelected(Facet facet, String value) {
        return selected.getOrDefault(facet, Set.of()).contains(value);
    }

    public Map<Facet, Set<String>> selected() {
        return copy();
    }

    /** The path and query string below the context path, parameters in a fixed order; defaults are left out. */
    @Override
    public String toString() {
        List<String> parameters = new ArrayList<>();
        if (!q.isBlank()) {
            parameters.add("q=" + encode(q));
        }
        selected.forEach((facet, values) -> values.forEach(v -> parameters.add(parameter(facet) + "=" + encode(v))));
        if (sort.equals("date")) {
            parameters.add("sort=date");
        }
        if (page > 1) {
            parameters.add("page=" + page);
        }
        return parameters.isEmpty() ? PAGE : PAGE + "?" + String.join("&", parameters);
    }

    private Map<Facet, Set<String>> copy() {
        Map<Facet, Set<String>> copy = new EnumMap<>(Facet.class);
        selected.forEach((facet, values) -> copy.put(facet, new LinkedHashSet<>(values)));
        return copy;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
