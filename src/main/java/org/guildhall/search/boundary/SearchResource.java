package org.guildhall.search.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.search.control.Facet;
import org.guildhall.search.control.FacetValue;
import org.guildhall.search.control.IndexStatus;
import org.guildhall.search.control.ParsedQuery;
import org.guildhall.search.control.Readers;
import org.guildhall.search.control.SearchDocument;
import org.guildhall.search.control.SearchHit;
import org.guildhall.search.control.SearchIndex;
import org.guildhall.search.control.SearchQueryParser;
import org.guildhall.search.control.SearchResult;
import org.guildhall.search.control.SortOrder;
import org.guildhall.search.control.Suggestion;

/**
 * Full-text search over what the caller may read; the permission filter is part of the Lucene
 * query. One instance serves every request (the request and response come as parameters):
 * made per request, with its injections, it was 2 % of a search's CPU (issue 6).
 */
@Path("search")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
@SecurityRequirement(name = "token")
public class SearchResource {

    static final int MAX_PAGE_SIZE = 100;

    @Inject
    SearchIndex index;

    @Inject
    SearchReaders readers;

    @Inject
    CurrentAccount currentAccount;

    @GET
    @Operation(summary = "Search documents and announcements by what is inside them (forgiving syntax: words, \"phrases\", -excluded, OR,"
            + " prefix*, group:, tag:, type:, author:, after:, before:); facet values narrow with group=, type=, tag=, author=, year="
            + " (repeatable); sort=relevance|date")
    public ApiAnswer search(@QueryParam("q") @DefaultValue("") String q,
            @QueryParam("group") List<String> group, @QueryParam("type") List<String> type, @QueryParam("tag") List<String> tag,
            @QueryParam("author") List<String> author, @QueryParam("year") List<String> year,
            @QueryParam("page") @DefaultValue("1") int page, @QueryParam("size") @DefaultValue("20") int size,
            @QueryParam("sort") @DefaultValue("relevance") String sort,
            @Context HttpServletRequest request, @Context HttpServletResponse response) {
        Map<Facet, Set<String>> selected = selection(group, type, tag, author, year);
        long start = System.nanoTime();
        Readers callerReaders = readers.of(currentAccount.caller());
        long readersKnown = System.nanoTime();
        Answer answer = answer(index, callerReaders, q, selected, sort, page, size);
        response.addHeader("Server-Timing", serverTiming(readersKnown - start, System.nanoTime() - readersKnown));
        return ApiAnswer.of(answer, request.getContextPath());
    }

    /**
     * Where a search's time went on the server, as browsers' developer tools show it: finding the
     * caller's groups (the database), and the index search with its facets, snippets and
     * spelling suggestion. The search benchmark (issue 6) reads it to tell the index's share of
     * a request from the server's.
     */
    static String serverTiming(long readersNanos, long searchNanos) {
        return String.format(Locale.ROOT, "readers;dur=%.2f, search;dur=%.2f", readersNanos / 1e6, searchNanos / 1e6);
    }

    static Answer answer(SearchIndex index, Readers readers, String q, Map<Facet, Set<String>> selected, String sort, int page, int size) {
        ParsedQuery parsed = new SearchQueryParser().parse(q);
        SortOrder order = "date".equalsIgnoreCase(sort) ? SortOrder.DATE : SortOrder.RELEVANCE;
        SearchResult result = index.search(parsed, readers, selected, order, Math.max(1, page), Math.max(1, Math.min(size, MAX_PAGE_SIZE)));
        String didYouMean = result.total() == 0 ? index.didYouMean(q, parsed, readers).orElse(null) : null;
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        result.facets().forEach((facet, values) -> facets.put(facet.name().toLowerCase(Locale.ROOT), values));
        IndexStatus status = index.status();
        return new Answer(result.hits(), result.total(), result.page(), result.size(), facets, parsed.understood(), didYouMean,
                status.rebuilding() ? status.rebuildPercent() : null);
    }

    static Map<Facet, Set<String>> selection(List<String> group, List<String> type, List<String> tag, List<String> author, List<String> year) {
        Map<Facet, Set<String>> selected = new EnumMap<>(Facet.class);
        put(selected, Facet.GROUP, group);
        put(selected, Facet.TYPE, type);
        put(selected, Facet.TAG, tag);
        put(selected, Facet.AUTHOR, author);
        put(selected, Facet.YEAR, year);
        return selected;
    }

    private static void put(Map<Facet, Set<String>> selected, Facet facet, List<String> values) {
        if (values == null) {
            return;
        }
        Set<String> clean = new LinkedHashSet<>();
        values.stream().filter(v -> v != null && !v.isBlank()).limit(20).forEach(v -> clean.add(v.strip()));
        if (!clean.isEmpty()) {
            selected.put(facet, clean);
        }
    }

    @GET
    @Path("suggest")
    @Operation(summary = "Titles and tags the caller may see that complete what was typed")
    public List<Suggestion> suggest(@QueryParam("q") @DefaultValue("") String q) {
        return index.suggest(q, readers.of(currentAccount.caller()));
    }

    /** One hit as the API shows it, with the address of its page. */
    public record HitView(String id, SearchDocument.Kind kind, String title, String group, String type, Instant date, float score,
            String snippet, String attachment, String url) {

        static HitView of(SearchHit hit, String contextPath) {
            return new HitView(hit.id(), hit.kind(), hit.title(), hit.groupSlug(), hit.type(), hit.date(), hit.score(), hit.snippet(),
                    hit.attachment(), SearchView.href(contextPath, hit));
        }
    }

    /** {@link Answer} as the API shows it. */
    public record ApiAnswer(List<HitView> hits, long total, int page, int size, Map<String, List<FacetValue>> facets,
            String understood, String didYouMean, Integer rebuildingPercent) {

        static ApiAnswer of(Answer answer, String contextPath) {
            return new ApiAnswer(answer.hits().stream().map(hit -> HitView.of(hit, contextPath)).toList(), answer.total(), answer.page(),
                    answer.size(), answer.facets(), answer.understood(), answer.didYouMean(), answer.rebuildingPercent());
        }
    }

    /**
     * A page of hits, the exact total, facet counts (only what the caller may see), the query as
     * Guildhall read it, a corrected query when nothing was found and a close word was, and the
     * rebuild progress in percent while the index is being rebuilt (results may be incomplete).
     */
    public record Answer(List<SearchHit> hits, long total, int page, int size, Map<String, List<FacetValue>> facets,
            String understood, String didYouMean, Integer rebuildingPercent) {
    }
}
