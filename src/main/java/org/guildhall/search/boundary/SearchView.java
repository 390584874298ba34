package org.guildhall.search.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.guildhall.platform.boundary.Formats;
import org.guildhall.search.control.Facet;
import org.guildhall.search.control.FacetValue;
import org.guildhall.search.control.SearchDocument;
import org.guildhall.search.control.SearchHit;

/**
 * One answer as the search page shows it: links, labels and counts computed here, so the view
 * only reads properties. A plain class, built from the search API's answer and tested without a
 * server.
 */
public final class SearchView {

    /** Markup a snippet may carry: escaped text and {@code <mark>}, nothing else. */
    private static final Pattern OTHER_TAG = Pattern.compile("<(?!/?mark>)");

    /** One hit: href is null for an entry that has no page. */
    public record Hit(String title, String href, String group, String type, String date, String snippet, String attachment) {
    }

    /** One dimension of the side panel. */
    public record FacetPanel(String label, String parameter, List<FacetLink> values) {
    }

    /** A facet value with its count and the link that selects it, or removes it when selected. */
    public record FacetLink(String value, String label, long count, boolean selected, String href) {
    }

    /** A selected value, shown above the results with the link that removes it. */
    public record Chip(String label, String href) {
    }

    private final SearchResource.Answer answer;
    private final SearchLink link;
    private final String contextPath;
    private final List<Hit> hits = new ArrayList<>();
    private final List<FacetPanel> facets = new ArrayList<>();

    public SearchView(SearchResource.Answer answer, SearchLink link, Map<String, String> groupNames, Formats formats, String contextPath) {
        this.answer = answer;
        this.link = link;
        this.contextPath = contextPath;
        for (SearchHit hit : answer.hits()) {
            hits.add(new Hit(hit.title(), href(hit), groupNames.getOrDefault(hit.groupSlug(), hit.groupSlug()), hit.type(),
                    formats.date(hit.date()), safe(hit.snippet()), hit.attachment()));
        }
        for (Facet facet : Facet.values()) {
            List<FacetValue> values = answer.facets().getOrDefault(SearchLink.parameter(facet), List.of());
            if (values.isEmpty()) {
                continue;
            }
            List<FacetLink> links = new ArrayList<>();
            for (FacetValue value : values) {
                boolean selected = value.selected() || link.isSelected(facet, value.value());
                SearchLink target = selected ? link.without(facet, value.value()) : link.with(facet, value.value());
                String shown = facet == Facet.GROUP ? groupNames.getOrDefault(value.value(), value.value()) : value.value();
                links.add(new FacetLink(value.value(), shown, value.count(), selected, contextPath + target));
            }
            facets.add(new FacetPanel(label(facet), SearchLink.parameter(facet), links));
        }
    }

    /** How the side panel and the selection name a facet. */
    public static String label(Facet facet) {
        return switch (facet) {
            case GROUP -> "Group";
            case TYPE -> "Type";
            case YEAR -> "Year";
            case TAG -> "Tags";
            case AUTHOR -> "Author";
        };
    }

    /** The page of a hit: {@code doc-12} is document 12, {@code ann-7} announcement 7. */
    static String href(String contextPath, SearchHit hit) {
        String id = hit.id() == null ? "" : hit.id();
        if (hit.kind() == SearchDocument.Kind.DOCUMENT && id.matches("doc-\\d+")) {
            return contextPath + "/documents/document.xhtml?id=" + id.substring(4);
        }
        if (hit.kind() == SearchDocument.Kind.ANNOUNCEMENT && id.matches("ann-\\d+")) {
            return contextPath + "/announcements/announcement.xhtml?id=" + id.substring(4);
        }
        return null;
    }

    private String href(SearchHit hit) {
        return href(contextPath, hit);
    }

    /**
     * The snippet is rendered unescaped because the index escaped it already; should anything but
     * {@code <mark>} ever arrive, the whole snippet is shown as text instead.
     */
    static String safe(String snippet) {
        if (snippet == null) {
            return "";
        }
        if (!OTHER_TAG.matcher(snippet).find()) {
            return snippet;
        }
        return snippet.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public List<Hit> getHits() {
        return hits;
    }

    public List<FacetPanel> getFacets() {
        return facets;
    }

    public long getTotal() {
        return answer.total();
    }

    /** "41 results", "1 result", "No results". */
    public String getTotalText() {
        long total = answer.total();
        return total == 0 ? "No results" : total == 1 ? "1 result" : String.format("%,d results", total);
    }

    public String getUnderstood() {
        return answer.understood();
    }

    /**
     * Something was typed, yet none of it was read as words or filters ({@code AND OR}, {@code ((}):
     * the page says so above what it lists, everything the filters allow.
     */
    public boolean isNothingUnderstood() {
        return !link.q().isBlank() && (answer.understood() == null || answer.understood().isBlank());
    }

    public String getDidYouMean() {
        return answer.didYouMean();
    }

    public String getDidYouMeanHref() {
        return answer.didYouMean() == null ? null : contextPath + link.query(answer.didYouMean());
    }

    /** The notice while the index is being rebuilt, or null. */
    public String getRebuildingNotice() {
        Integer percent = answer.rebuildingPercent();
        return percent == null ? null : "The search index is being rebuilt (" + percent + " %); results may be incomplete.";
    }

    public String getRelevanceHref() {
        return contextPath + link.sorted("relevance");
    }

    public String getDateHref() {
        return contextPath + link.sorted("date");
    }

    public int getPage() {
        return answer.page();
    }

    public long getPageCount() {
        return Math.max(1, (answer.total() + answer.size() - 1) / answer.size());
    }

    /** Past the last page (an old bookmark, an edited address): the page offers the first one. */
    public boolean isBeyondLastPage() {
        return answer.total() > 0 && answer.hits().isEmpty();
    }

    public String getFirstHref() {
        return contextPath + link.page(1);
    }

    public String getPreviousHref() {
        return answer.page() > 1 ? contextPath + link.page(Math.min(answer.page() - 1, (int) getPageCount())) : null;
    }

    public String getNextHref() {
        return answer.page() < getPageCount() ? contextPath + link.page(answer.page() + 1) : null;
    }
}
