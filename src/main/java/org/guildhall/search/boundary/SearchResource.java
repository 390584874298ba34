package org.guildhall.search.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.groups.control.GroupAccess;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.search.control.SearchHit;
import org.guildhall.search.control.SearchIndex;
import org.guildhall.search.control.SearchResult;
import org.guildhall.search.control.SortOrder;

/** Full-text search over what the caller may read; the permission filter is part of the Lucene query. */
@Path("search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
@SecurityRequirement(name = "token")
public class SearchResource {

    @Inject
    SearchIndex index;

    @Inject
    GroupAccess access;

    @Inject
    CurrentAccount currentAccount;

    @GET
    @Operation(summary = "Search documents by what is inside them (forgiving syntax: words, \"phrases\", -excluded, prefix*, group:, tag:, type:, author:, after:, before:)")
    public Answer search(@QueryParam("q") @DefaultValue("") String q, @QueryParam("page") @DefaultValue("1") int page,
            @QueryParam("size") @DefaultValue("20") int size, @QueryParam("sort") @DefaultValue("relevance") String sort) {
        SortOrder order = "date".equalsIgnoreCase(sort) ? SortOrder.DATE : SortOrder.RELEVANCE;
        SearchResult result = index.search(q, new HashSet<>(access.readableGroupIds(currentAccount.caller())),
                order, Math.max(1, page), Math.max(1, Math.min(size, 100)));
        return new Answer(result.hits(), result.total(), result.page(), result.size(), index.understood(q).understood());
    }

    /** A page of hits, the exact total, and the query as Guildhall read it. */
    public record Answer(List<SearchHit> hits, long total, int page, int size, String understood) {
    }
}
