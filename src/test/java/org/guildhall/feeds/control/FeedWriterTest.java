package org.guildhall.feeds.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FeedWriterTest {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final Instant PUBLISHED = Instant.parse("2026-11-20T09:30:00Z");
    static final Instant EDITED = Instant.parse("2026-11-21T14:05:06Z");

    static Feed feed() {
        return new Feed("https://gh.example/api/v1/feeds/groups/cat/announcements.atom", "Cataloguing: announcements", "The board",
                "https://gh.example/api/v1/feeds/groups/cat/announcements.atom?token=ghf_x", "https://gh.example/groups/group.xhtml?slug=cat",
                List.of(new Feed.Entry("https://gh.example/announcements/announcement.xhtml?id=51",
                        "https://gh.example/announcements/announcement.xhtml?id=51", "Fish & <chips>",
                        "<p>Read <a href=\"https://gh.example/x\" rel=\"nofollow noopener\">this</a> &amp; that</p>", "Carol Cataloguer",
                        PUBLISHED, EDITED, "cat")));
    }

    @Test
    void aFeedWithoutDescriptionIsStillValidRssWithItsTitleAsTheChannelDescription() throws Exception {
        Feed f = feed();
        Feed undescribed = new Feed(f.id(), f.title(), null, f.self(), f.alternate(), f.entries());
        Element channel = (Element) parse(FeedWriter.write(undescribed, FeedFormat.RSS)).getElementsByTagName("channel").item(0);
        assertEquals("Cataloguing: announcements", ((Element) channel.getElementsByTagName("description").item(0)).getTextContent());
    }

    @Test
    void atomHasIdsDatesSelfLinkContentAndAuthor() throws Exception {
        String xml = FeedWriter.write(feed(), FeedFormat.ATOM);
        Document dom = parse(xml);
        Element root = dom.getDocumentElement();
        assertEquals("feed", root.getLocalName());
        assertEquals(ATOM, root.getNamespaceURI());
        assertEquals("https://gh.example/api/v1/feeds/groups/cat/announcements.atom", child(root, "id").getTextContent());
        assertEquals("2026-11-21T14:05:06Z", child(root, "updated").getTextContent(), "RFC 3339, the newest entry's change");
        assertEquals("https://gh.example/api/v1/feeds/groups/cat/announcements.atom?token=ghf_x", link(root, "self").getAttribute("href"));
        assertEquals("application/atom+xml", link(root, "self").getAttribute("type"));
        Element entry = child(root, "entry");
        assertEquals("https://gh.example/announcements/announcement.xhtml?id=51", child(entry, "id").getTextContent());
        assertEquals("2026-11-20T09:30:00Z", child(entry, "published").getTextContent());
        assertEquals("2026-11-21T14:05:06Z", child(entry, "updated").getTextContent());
        assertEquals("Fish & <chips>", child(entry, "title").getTextContent(), "the title is text, escaped in the XML");
        assertEquals("Carol Cataloguer", child(child(entry, "author"), "name").getTextContent());
        assertEquals("html", child(entry, "content").getAttribute("type"));
        assertTrue(child(entry, "content").getTextContent().contains("<a href=\"https://gh.example/x\" rel=\"nofollow noopener\">this</a>"));

        SyndFeed rome = new SyndFeedInput().build(new StringReader(xml));
        assertEquals(1, rome.getEntries().size());
        assertEquals(Instant.parse("2026-11-20T09:30:00Z"), rome.getEntries().get(0).getPublishedDate().toInstant());
    }

    @Test
    void rssHasGuidRfc822DatesAtomSelfLinkAndFullContent() throws Exception {
        String xml = FeedWriter.write(feed(), FeedFormat.RSS);
        Element channel = child(parse(xml).getDocumentElement(), "channel");
        assertEquals("2.0", parse(xml).getDocumentElement().getAttribute("version"));
        assertEquals("https://gh.example/api/v1/feeds/groups/cat/announcements.atom?token=ghf_x", link(channel, "self").getAttribute("href"));
        assertEquals("https://gh.example/groups/group.xhtml?slug=cat", child(channel, "link").getTextContent());
        Element item = child(channel, "item");
        assertEquals("https://gh.example/announcements/announcement.xhtml?id=51", child(item, "guid").getTextContent());
        assertEquals("Fri, 20 Nov 2026 09:30:00 GMT", child(item, "pubDate").getTextContent());
        assertTrue(child(item, "description").getTextContent().contains("rel=\"nofollow noopener\""));
        assertEquals("Carol Cataloguer", child(item, "creator").getTextContent());
        assertFalse(xml.contains("<author>Carol"), "RSS author must be an e-mail address; the name goes into dc:creator");

        SyndFeed rome = new SyndFeedInput().build(new StringReader(xml));
        SyndEntry entry = rome.getEntries().get(0);
        assertEquals("https://gh.example/announcements/announcement.xhtml?id=51", entry.getUri());
        assertEquals(PUBLISHED, entry.getPublishedDate().toInstant());
    }

    @Test
    void conditionalAnswersByEtagFirst() {
        Conditional c = Conditional.of("body", EDITED);
        assertTrue(c.notModified(c.etag(), null));
        assertFalse(c.notModified("\"other\"", c.lastModifiedHeader()), "a changed ETag wins over an unchanged date");
        assertTrue(c.notModified(null, c.lastModifiedHeader()));
        assertFalse(c.notModified(null, "Fri, 20 Nov 2026 09:30:00 GMT"));
        assertEquals("Sat, 21 Nov 2026 14:05:06 GMT", c.lastModifiedHeader());
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Element child(Element parent, String localName) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getLocalName().equals(localName)) {
                return e;
            }
        }
        throw new AssertionError("no " + localName + " in " + parent.getLocalName());
    }

    static Element link(Element parent, String rel) {
        NodeList nodes = parent.getElementsByTagNameNS(ATOM, "link");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (e.getParentNode() == parent && rel.equals(e.getAttribute("rel"))) {
                return e;
            }
        }
        throw new AssertionError("no atom:link rel=" + rel);
    }
}
