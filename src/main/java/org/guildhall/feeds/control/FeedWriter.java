package org.guildhall.feeds.control;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Writes a {@link Feed} as Atom 1.0 or RSS 2.0 with ROME: RFC 3339 dates in Atom and RFC 822
 * in RSS (ROME's), an {@code atom:link rel="self"} in both (RSS carries it as foreign markup,
 * which ROME has no field for), ids that are the items' own pages, the full sanitized content
 * ({@code content type="html"} in Atom; {@code description} and {@code content:encoded} in RSS),
 * and the author (Atom {@code author/name}; RSS {@code dc:creator}, since RSS's own
 * {@code author} must be an e-mail address).
 */
public final class FeedWriter {

    static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    private FeedWriter() {
    }

    public static String write(Feed feed, FeedFormat format) {
        SyndFeed syndFeed = new SyndFeedImpl();
        syndFeed.setFeedType(format.romeType());
        syndFeed.setEncoding("UTF-8");
        syndFeed.setTitle(feed.title());
        // RSS requires a channel description (ROME refuses to write one without); a group need not have one
        syndFeed.setDescription(feed.description() == null || feed.description().isBlank() ? feed.title() : feed.description());
        syndFeed.setUri(feed.id());
        syndFeed.setLink(feed.alternate());
        syndFeed.setPublishedDate(Date.from(feed.updated()));
        List<SyndLink> links = new ArrayList<>();
        links.add(link("alternate", feed.alternate(), "text/html"));
        links.add(link("self", feed.self(), format.mediaType()));
        syndFeed.setLinks(links);
        List<SyndEntry> entries = new ArrayList<>();
        for (Feed.Entry e : feed.entries()) {
            entries.add(entry(e, format));
        }
        syndFeed.setEntries(entries);
        WireFeed wire = syndFeed.createWireFeed();
        if (format == FeedFormat.RSS) {
            Element self = new Element("link", ATOM);
            self.setAttribute("href", feed.self());
            self.setAttribute("rel", "self");
            self.setAttribute("type", format.mediaType());
            wire.getForeignMarkup().add(self);
        } else {
            ((com.rometools.rome.feed.atom.Feed) wire).setUpdated(Date.from(feed.updated()));
        }
        try {
            return new WireFeedOutput().outputString(wire);
        } catch (FeedException e) {
            throw new IllegalStateException("The feed could not be written", e);
        }
    }

    private static SyndEntry entry(Feed.Entry e, FeedFormat format) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri(e.id());
        entry.setLink(e.link());
        entry.setTitle(e.title());
        entry.setPublishedDate(Date.from(e.published()));
        entry.setUpdatedDate(Date.from(e.updated()));
        if (e.author() != null) {
            SyndPersonImpl author = new SyndPersonImpl();
            author.setName(e.author());
            entry.setAuthors(List.of(author));
            entry.setAuthor(e.author());
        }
        if (e.category() != null) {
            SyndCategoryImpl category = new SyndCategoryImpl();
            category.setName(e.category());
            entry.setCategories(List.of(category));
        }
        SyndContent content = new SyndContentImpl();
        content.setType("html");
        content.setValue(e.html());
        entry.setContents(List.of(content));
        if (format == FeedFormat.RSS) {
            // RSS readers show the description; content:encoded carries the same for those that prefer it
            SyndContent description = new SyndContentImpl();
            description.setType("html");
            description.setValue(e.html());
            entry.setDescription(description);
        }
        return entry;
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }
}
