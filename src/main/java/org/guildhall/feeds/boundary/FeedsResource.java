package org.guildhall.feeds.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.announcements.boundary.AnnouncementViews;
import org.guildhall.announcements.control.Announcements;
import org.guildhall.announcements.control.RichText;
import org.guildhall.announcements.entity.Announcement;
import org.guildhall.documents.control.DocumentQuery;
import org.guildhall.documents.control.Documents;
import org.guildhall.documents.entity.Document;
import org.guildhall.feeds.control.Conditional;
import org.guildhall.feeds.control.Feed;
import org.guildhall.feeds.control.FeedFormat;
import org.guildhall.feeds.control.FeedWriter;
import org.guildhall.groups.control.GroupSummary;
import org.guildhall.groups.control.Groups;
import org.guildhall.groups.entity.Group;
import org.guildhall.identity.control.ApiTokens;
import org.guildhall.identity.entity.ApiToken;
import org.guildhall.identity.entity.Caller;

/**
 * Atom and RSS for each group's board and new documents, the site board, and everything the
 * reader may see. Without a token a feed reads as an anonymous visitor (public groups, public
 * announcements); with {@code ?token=} a personal feed token (account page) it reads as that
 * member, and only while the token lives and the membership lasts. A wrong or revoked token,
 * like a group the reader may not read, is a 404: never a redirect to a login page, which a
 * feed reader could not follow anyway.
 */
@Path("feeds")
@ApplicationScoped
@Tag(name = "Feeds")
public class FeedsResource {

    static final int ITEMS = 50;

    @Inject
    Announcements announcements;

    @Inject
    Documents documents;

    @Inject
    Groups groups;

    @Inject
    ApiTokens tokens;

    @Inject
    PortalAddress address;

    @GET
    @Path("groups/{slug}/announcements.{format}")
    @Operation(summary = "A group's board (format atom or rss; token= for a private group or members-only announcements)")
    public Response groupBoard(@PathParam("slug") String slug, @PathParam("format") String format, @QueryParam("token") String token, @Context HttpHeaders headers) {
        Caller caller = caller(token);
        FeedFormat f = format(format);
        Group group = groups.readable(caller, slug);
        List<Feed.Entry> entries = announcements.newest(caller, slug, ITEMS).stream().map(this::entry).toList();
        return answer(new Feed(address.of(FeedPaths.groupBoard(slug, f)), group.getName() + ": announcements", group.getDescription(),
                self(FeedPaths.groupBoard(slug, f), token), address.of("/groups/group.xhtml?slug=" + slug), entries), f, token, headers);
    }

    @GET
    @Path("groups/{slug}/documents.{format}")
    @Operation(summary = "A group's documents, newest first (format atom or rss; token= for a private group)")
    public Response groupDocuments(@PathParam("slug") String slug, @PathParam("format") String format, @QueryParam("token") String token, @Context HttpHeaders headers) {
        Caller caller = caller(token);
        FeedFormat f = format(format);
        Group group = groups.readable(caller, slug);
        List<Feed.Entry> entries = newestDocuments(caller, slug).stream().map(this::entry).toList();
        return answer(new Feed(address.of(FeedPaths.groupDocuments(slug, f)), group.getName() + ": new documents", group.getDescription(),
                self(FeedPaths.groupDocuments(slug, f), token), address.of("/groups/group.xhtml?slug=" + slug), entries), f, token, headers);
    }

    @GET
    @Path("announcements.{format}")
    @Operation(summary = "The site-wide board (format atom or rss; token= for announcements to signed-in members)")
    public Response siteBoard(@PathParam("format") String format, @QueryParam("token") String token, @Context HttpHeaders headers) {
        Caller caller = caller(token);
        FeedFormat f = format(format);
        List<Feed.Entry> entries = announcements.newest(caller, null, ITEMS).stream().map(this::entry).toList();
        return answer(new Feed(address.of(FeedPaths.siteBoard(f)), "Guildhall: site announcements",
                "Announcements to the whole association", self(FeedPaths.siteBoard(f), token),
                address.of("/announcements/index.xhtml"), entries), f, token, headers);
    }

    @GET
    @Path("everything.{format}")
    @Operation(summary = "Every announcement and document the reader may see, newest first (format atom or rss; token= to read as yourself)")
    public Response everything(@PathParam("format") String format, @QueryParam("token") String token, @Context HttpHeaders headers) {
        Caller caller = caller(token);
        FeedFormat f = format(format);
        List<Feed.Entry> entries = new ArrayList<>();
        announcements.everything(caller, ITEMS).forEach(a -> entries.add(entry(a)));
        for (GroupSummary summary : groups.directory(caller)) {
            newestDocuments(caller, summary.group().getSlug()).forEach(d -> entries.add(entry(d)));
        }
        entries.sort(Comparator.comparing(Feed.Entry::published).reversed().thenComparing(Feed.Entry::id));
        String title = caller.isAnonymous() ? "Guildhall: everything" : "Guildhall: everything " + caller.username() + " can see";
        return answer(new Feed(address.of(FeedPaths.everything(f)), title, "Announcements and new documents", self(FeedPaths.everything(f), token),
                address.of("/"), entries.subList(0, Math.min(ITEMS, entries.size()))), f, token, headers);
    }

    private Caller caller(String token) {
        if (token == null) {
            return Caller.ANONYMOUS;
        }
        return tokens.resolve(token, ApiToken.Scope.FEED).map(Caller::of).orElseThrow(NotFoundException::new);
    }

    private static FeedFormat format(String extension) {
        FeedFormat format = FeedFormat.of(extension);
        if (format == null) {
            throw new NotFoundException();
        }
        return format;
    }

    private String self(String path, String token) {
        return address.of(path) + (token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private List<Document> newestDocuments(Caller caller, String slug) {
        return documents.list(caller, slug, new DocumentQuery(null, null, DocumentQuery.Sort.DATE, true, 0, 20)).documents();
    }

    private Feed.Entry entry(Announcement a) {
        String page = address.of(AnnouncementViews.page(a.getId()));
        return new Feed.Entry(page, page, a.getTitle(), RichText.absolute(a.getBody(), address.base()), a.getAuthor().getDisplayName(),
                a.getPublishAt(), a.getUpdatedAt(), a.isSiteWide() ? "site" : a.getGroup().getSlug());
    }

    private Feed.Entry entry(Document d) {
        String page = address.of("/documents/document.xhtml?id=" + d.getId());
        String file = d.getCurrent() == null ? "" : d.getCurrent().getFileName() + " (" + d.getKind() + ")";
        String html = (d.getDescription() == null ? "" : "<p>" + escape(d.getDescription()) + "</p>")
                + "<p><a href=\"" + escape(page) + "\">" + escape(file) + "</a></p>";
        return new Feed.Entry(page, page, d.getTitle(), html, d.getCreatedBy().getDisplayName(), d.getCreatedAt(), d.getUpdatedAt(),
                d.getGroup().getSlug());
    }

    private Response answer(Feed feed, FeedFormat format, String token, HttpHeaders headers) {
        String xml = FeedWriter.write(feed, format);
        Conditional conditional = Conditional.of(xml, feed.updated());
        // a private feed is this member's alone: no shared cache may keep it
        String cache = (token == null ? "public" : "private") + ", no-cache";
        if (conditional.notModified(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE))) {
            return Response.notModified().header(HttpHeaders.ETAG, conditional.etag())
                    .header(HttpHeaders.LAST_MODIFIED, conditional.lastModifiedHeader()).header(HttpHeaders.CACHE_CONTROL, cache).build();
        }
        return Response.ok(xml, format.mediaType() + "; charset=UTF-8")
                .header(HttpHeaders.ETAG, conditional.etag())
                .header(HttpHeaders.LAST_MODIFIED, conditional.lastModifiedHeader())
                .header(HttpHeaders.CACHE_CONTROL, cache)
                .build();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
