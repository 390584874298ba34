package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Announcements and feeds over HTTP against the deployed WAR, on the demo accounts: feeds
 * parsed with ROME and with a namespace-aware XML parser, stored XSS in every place it is
 * written, scheduling driven by the portal clock (the server runs with guildhall.test.clock),
 * private feed tokens, audiences in search, acknowledgements, history and posting rights.
 * Titles carry a per-run marker so runs on a kept database do not meet.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnnouncementsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static final String HOSTILE_TITLE = "<script>alert('title')</script><img src=x onerror=alert(2)> Notice " + RUN;
    static final String HOSTILE_BODY = "<p>Harmless words " + RUN + "</p><script>alert(1)</script><img src=x onerror=alert(3)>"
            + "<a href=\"javascript:alert(4)\">click</a><svg onload=alert(5)><circle r=1/></svg>"
            + "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999;background:red\">overlay</div>";

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.guildhall();
    }

    @AfterEach
    void realTimeAgain() {
        api("DELETE", "/test/clock", "admin", null);
    }

    // --- feeds -----------------------------------------------------------------------------

    @Test
    void everyFeedParsesInRomeAndAsXmlWithAbsoluteLinksStableIdsDatesAndASelfLink() throws Exception {
        JsonNode posted = post("hana", "health-libraries", Map.of("title", "Journal club " + RUN, "audience", "PUBLIC",
                "body", "<p>See <a href=\"/groups/group.xhtml?slug=health-libraries\">our page</a> for the <strong>reading list</strong>.</p>"));
        post("admin", null, Map.of("title", "Site news " + RUN, "audience", "PUBLIC", "body", "<p>For everyone.</p>"));
        HttpResponse<String> upload = visitor().multipart("/groups/health-libraries/documents", token("hana"), Map.of("title", "Reading list " + RUN),
                List.of(new Portal.Upload("reading-list-" + RUN + ".txt", "Articles for the journal club.".getBytes(StandardCharsets.UTF_8))));
        assertEquals(201, upload.statusCode(), upload.body());
        String page = base() + "/announcements/announcement.xhtml?id=" + posted.get("id").asLong();

        List<String> feeds = List.of("/api/v1/feeds/groups/health-libraries/announcements", "/api/v1/feeds/groups/health-libraries/documents",
                "/api/v1/feeds/announcements", "/api/v1/feeds/everything");
        for (String feed : feeds) {
            for (String format : List.of("atom", "rss")) {
                String path = feed + "." + format;
                HttpResponse<byte[]> response = fetch(path, Map.of());
                assertEquals(200, response.statusCode(), path);
                String type = response.headers().firstValue("Content-Type").orElse("");
                assertTrue(type.startsWith(format.equals("atom") ? "application/atom+xml" : "application/rss+xml"), path + ": " + type);
                assertTrue(type.toLowerCase(Locale.ROOT).contains("charset=utf-8"), type);

                SyndFeed rome = new SyndFeedInput().build(new InputStreamReader(new ByteArrayInputStream(response.body()), StandardCharsets.UTF_8));
                assertFalse(rome.getEntries().isEmpty(), path + " has items");
                for (SyndEntry entry : rome.getEntries()) {
                    assertTrue(entry.getLink().startsWith(base() + "/"), path + ": absolute link " + entry.getLink());
                    assertTrue(entry.getUri().startsWith(base() + "/"), path + ": absolute id " + entry.getUri());
                    assertNotNull(entry.getPublishedDate(), path + ": a date");
                }
                Document xml = xml(response.body());
                Element root = xml.getDocumentElement();
                Element channel = format.equals("atom") ? root : child(root, "channel");
                assertEquals(base() + path, selfLink(channel), path + ": self link");
                for (Element item : children(channel, format.equals("atom") ? "entry" : "item")) {
                    if (format.equals("atom")) {
                        OffsetDateTime.parse(child(item, "updated").getTextContent()); // RFC 3339
                        OffsetDateTime.parse(child(item, "published").getTextContent());
                        assertTrue(child(item, "id").getTextContent().startsWith(base() + "/"));
                        assertFalse(child(child(item, "author"), "name").getTextContent().isBlank(), "an author");
                    } else {
                        ZonedDateTime.parse(child(item, "pubDate").getTextContent(), DateTimeFormatter.RFC_1123_DATE_TIME); // RFC 822
                        assertTrue(child(item, "guid").getTextContent().startsWith(base() + "/"));
                    }
                }
                if (feed.endsWith("/health-libraries/announcements")) {
                    SyndEntry entry = rome.getEntries().stream().filter(e -> e.getTitle().equals("Journal club " + RUN)).findFirst().orElseThrow();
                    assertEquals(page, entry.getUri(), "the id is the announcement's own page");
                    assertEquals(page, entry.getLink());
                    String content = format.equals("atom") ? entry.getContents().get(0).getValue() : entry.getDescription().getValue();
                    assertTrue(content.contains("href=\"" + base() + "/groups/group.xhtml?slug&#61;health-libraries\"")
                            || content.contains("href=\"" + base() + "/groups/group.xhtml?slug=health-libraries\""), "absolute links inside: " + content);
                    assertTrue(content.contains("<strong>reading list</strong>"), "the full content, not a summary: " + content);
                    assertTrue(entry.getAuthors().stream().anyMatch(a -> a.getName().startsWith("Hana")) || "Hana Health".equals(entry.getAuthor()),
                            "the author: " + entry.getAuthors() + " / " + entry.getAuthor());
                }
                if (feed.endsWith("/documents")) {
                    assertTrue(rome.getEntries().stream().anyMatch(e -> e.getTitle().equals("Reading list " + RUN)), "the new document");
                }
            }
        }

        // conditional GET: the same feed unchanged is 304, by ETag and by date; an edit changes it, never its item's id
        String path = "/api/v1/feeds/groups/health-libraries/announcements.atom";
        HttpResponse<byte[]> first = fetch(path, Map.of());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertEquals(304, fetch(path, Map.of("If-None-Match", etag)).statusCode());
        assertEquals(304, fetch(path, Map.of("If-Modified-Since", lastModified)).statusCode());
        assertEquals(0, fetch(path, Map.of("If-None-Match", etag)).body().length, "no body with 304");

        api("PUT", "/announcements/" + posted.get("id").asLong(), "hana", json(Map.of("title", "Journal club (moved) " + RUN, "audience", "PUBLIC",
                "body", "<p>Now on Thursday.</p>")));
        HttpResponse<byte[]> edited = fetch(path, Map.of("If-None-Match", etag));
        assertEquals(200, edited.statusCode(), "changed content is sent again");
        assertNotEquals(etag, edited.headers().firstValue("ETag").orElseThrow());
        SyndFeed after = new SyndFeedInput().build(new InputStreamReader(new ByteArrayInputStream(edited.body()), StandardCharsets.UTF_8));
        SyndEntry moved = after.getEntries().stream().filter(e -> e.getTitle().equals("Journal club (moved) " + RUN)).findFirst().orElseThrow();
        assertEquals(page, moved.getUri(), "the id survives the edit");
        assertTrue(moved.getUpdatedDate().after(moved.getPublishedDate()) || moved.getUpdatedDate().equals(moved.getPublishedDate()));
    }

    @Test
    void pagesWithFeedsAnnounceThemInTheirHeadAndShowThem() {
        String group = visitor().get("/groups/group.xhtml?slug=health-libraries").body();
        String href = base() + "/api/v1/feeds/groups/health-libraries/announcements.atom";
        Matcher link = Pattern.compile("<link rel=\"alternate\" type=\"application/atom\\+xml\" title=\"([^\"]+)\" href=\"" + Pattern.quote(href) + "\"")
                .matcher(head(group));
        assertTrue(link.find(), "autodiscovery in the head: " + head(group));
        assertEquals("Health Libraries: announcements (Atom)", link.group(1));
        assertTrue(head(group).contains("type=\"application/rss+xml\""), "and RSS");
        assertTrue(group.contains("class=\"feed-link\" href=\"" + href + "\""), "a visible feed link");
        assertEquals(200, fetch(href.substring(base().length()), Map.of()).statusCode(), "the advertised address works");

        String home = visitor().get("/index.xhtml").body();
        assertTrue(head(home).contains("href=\"" + base() + "/api/v1/feeds/announcements.atom\""), "the home page announces the site board");

        Portal admin = loggedIn("admin");
        String board = admin.get("/groups/group.xhtml?slug=board").body();
        assertFalse(head(board).contains("rel=\"alternate\""), "a private group announces no feed that would answer 404");
        assertTrue(board.contains("Feeds of this group are private"), "and says where its members get theirs");
    }

    // --- stored XSS ------------------------------------------------------------------------

    @Test
    void aStoredXssAttemptIsInertInThePageTheArchiveTheFeedAndTheApi() throws Exception {
        HttpResponse<String> created = api("POST", "/groups/health-libraries/announcements", "hana",
                json(Map.of("title", HOSTILE_TITLE, "body", HOSTILE_BODY, "audience", "PUBLIC")));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode announcement = JSON.readTree(created.body());
        long id = announcement.get("id").asLong();

        // API: the body is stored sanitized; the title is text, in a JSON body nobody sniffs as HTML
        assertInert("API body", announcement.get("body").asText());
        assertTrue(announcement.get("body").asText().contains("Harmless words " + RUN));
        assertEquals(HOSTILE_TITLE, announcement.get("title").asText());
        HttpResponse<String> read = api("GET", "/announcements/" + id, null, null);
        assertTrue(read.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("nosniff", read.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertInert("API read", JSON.readTree(read.body()).get("body").asText());

        // the page and the board: the title escaped, the body without anything active
        String page = visitor().get("/announcements/announcement.xhtml?id=" + id).body();
        assertInert("page", page.substring(page.indexOf("<main")));
        assertTrue(page.contains("&lt;script&gt;alert("), "the title is shown as text");
        assertTrue(page.contains("Harmless words " + RUN));
        String board = visitor().get("/groups/group.xhtml?slug=health-libraries").body();
        assertTrue(board.contains("Harmless words " + RUN), "on the board");
        assertInert("board", board.substring(board.indexOf("<main")));

        // the feed: no element a reader would run, the title as text, the content sanitized
        for (String format : List.of("atom", "rss")) {
            byte[] feed = fetch("/api/v1/feeds/groups/health-libraries/announcements." + format, Map.of()).body();
            Document xml = xml(feed);
            assertEquals(0, xml.getElementsByTagName("script").getLength() + xml.getElementsByTagNameNS("*", "script").getLength());
            SyndFeed rome = new SyndFeedInput().build(new InputStreamReader(new ByteArrayInputStream(feed), StandardCharsets.UTF_8));
            SyndEntry entry = rome.getEntries().stream().filter(e -> e.getTitle().equals(HOSTILE_TITLE)).findFirst().orElseThrow();
            String content = format.equals("atom") ? entry.getContents().get(0).getValue() : entry.getDescription().getValue();
            assertInert(format + " content", content);
            assertTrue(content.contains("Harmless words " + RUN));
        }

        // the archive, once it expired
        Instant now = clock(Duration.ZERO);
        api("PUT", "/announcements/" + id, "hana", json(Map.of("title", HOSTILE_TITLE, "body", HOSTILE_BODY, "audience", "PUBLIC",
                "expiresAt", now.plus(Duration.ofHours(1)).toString())));
        clock(Duration.ofHours(2));
        Portal hana = loggedIn("hana");
        String archive = hana.get("/groups/group.xhtml?slug=health-libraries").body();
        String section = archive.substring(archive.indexOf("Scheduled and expired"));
        assertTrue(section.contains("&lt;script&gt;alert("), "in the archive, as text");
        assertInert("archive", archive.substring(archive.indexOf("<main")));
        assertFalse(ids(api("GET", "/groups/health-libraries/announcements", "mia", null)).contains(id), "gone from the board");
    }

    // --- time ------------------------------------------------------------------------------

    @Test
    void scheduledAndExpiredAnnouncementsComeAndGoWithTheClock() throws Exception {
        Instant now = clock(Duration.ZERO);
        String word = "quokka" + RUN;
        JsonNode posted = post("hana", "health-libraries", Map.of("title", "Scheduled " + RUN, "body", "<p>About the " + word + ".</p>",
                "audience", "MEMBERS", "publishAt", now.plus(Duration.ofDays(2)).toString(), "expiresAt", now.plus(Duration.ofDays(4)).toString()));
        long id = posted.get("id").asLong();

        assertFalse(ids(api("GET", "/groups/health-libraries/announcements", "mia", null)).contains(id), "not on the board before publish-at");
        assertEquals(404, api("GET", "/announcements/" + id, "mia", null).statusCode(), "nor readable by its id");
        assertTrue(ids(api("GET", "/groups/health-libraries/announcements?archive=true", "hana", null)).contains(id), "the committee sees it scheduled");
        // a second announcement posted after it: once that one is found, the index has caught up with the first too
        String marker = "marker" + RUN;
        post("hana", "health-libraries", Map.of("title", "Marker " + RUN, "body", "<p>" + marker + "</p>", "audience", "MEMBERS"));
        assertEquals(1, searchWithin(marker, "mia", 1));
        assertEquals(0, searchTotal(word, "mia"), "not found before publish-at");
        assertEquals(0, searchTotal(word, "hana"), "by nobody");

        clock(Duration.ofDays(2).plusHours(1));
        assertTrue(ids(api("GET", "/groups/health-libraries/announcements", "mia", null)).contains(id), "published at publish-at");
        assertEquals(200, api("GET", "/announcements/" + id, "mia", null).statusCode());
        assertEquals(1, searchWithin(word, "mia", 1), "found once published");
        String home = loggedIn("mia").get("/index.xhtml").body();
        assertTrue(home.contains("Scheduled " + RUN), "on the member's home page");

        clock(Duration.ofDays(2));
        assertFalse(ids(api("GET", "/groups/health-libraries/announcements", "mia", null)).contains(id), "gone from the board after expires-at");
        assertFalse(loggedIn("mia").get("/index.xhtml").body().contains("Scheduled " + RUN), "and from the home page");
        assertEquals(200, api("GET", "/announcements/" + id, "mia", null).statusCode(), "still readable where search links");
        assertEquals(1, searchTotal(word, "mia"), "still found in search by members");
        assertTrue(ids(api("GET", "/groups/health-libraries/announcements?archive=true", "hana", null)).contains(id), "in the committee's archive");
        byte[] feed = fetch("/api/v1/feeds/groups/health-libraries/announcements.atom", Map.of()).body();
        assertFalse(new String(feed, StandardCharsets.UTF_8).contains("Scheduled " + RUN), "not in the feed");
    }

    // --- private feeds ---------------------------------------------------------------------

    @Test
    void aPrivateFeedTokenWorksForTheMemberAnd404sWhenWrongRevokedOrAfterLeaving() throws Exception {
        String slug = "feeds-" + RUN;
        String user = "reader" + RUN;
        HttpResponse<String> group = api("POST", "/groups", "admin", "{\"slug\":\"" + slug + "\",\"name\":\"Private feeds " + RUN
                + "\",\"visibility\":\"MEMBERS\",\"joinPolicy\":\"INVITE\"}");
        assertEquals(201, group.statusCode(), group.body());
        Portal reader = visitor();
        assertEquals(302, reader.signUp(user, "a long enough password").statusCode());
        assertEquals(302, reader.login(user, "a long enough password").statusCode());
        assertEquals(201, api("POST", "/groups/" + slug + "/members", "admin", "{\"username\":\"" + user + "\",\"role\":\"MEMBER\"}").statusCode());
        post("admin", slug, Map.of("title", "For members only " + RUN, "body", "<p>Inside news.</p>", "audience", "MEMBERS"));

        String feedToken = issueFeedToken(reader);
        String feed = "/api/v1/feeds/groups/" + slug + "/announcements.atom";
        HttpResponse<byte[]> mine = fetch(feed + "?token=" + feedToken, Map.of());
        assertEquals(200, mine.statusCode());
        assertTrue(new String(mine.body(), StandardCharsets.UTF_8).contains("For members only " + RUN), "the member reads their group's board");
        assertEquals(base() + feed + "?token=" + feedToken, selfLink(xml(mine.body()).getDocumentElement()), "the self link is the address used");
        assertEquals(200, fetch("/api/v1/feeds/everything.rss?token=" + feedToken, Map.of()).statusCode());

        assertNotFound(feed, "no token");
        assertNotFound(feed + "?token=ghf_wrong" + RUN, "a wrong token");
        assertNotFound("/api/v1/feeds/everything.atom?token=ghf_wrong" + RUN, "a wrong token, even for public content");

        // renew: the old address stops at once, the new one works
        String renewed = tokenAction(reader, "renew");
        assertNotFound(feed + "?token=" + feedToken, "the token before renewal");
        assertEquals(200, fetch(feed + "?token=" + renewed, Map.of()).statusCode());

        // leaving the group ends it at once
        String apiToken = reader.issueApiToken("leaving");
        assertEquals(204, api("DELETE", "/groups/" + slug + "/join", apiToken, null).statusCode());
        // the token's first use is on its account page at once (later ones are written at most once a minute)
        Matcher leavingRow = Pattern.compile("<tr[^>]*>(?:(?!</tr>).)*>leaving<(?:(?!</tr>).)*</tr>", Pattern.DOTALL)
                .matcher(reader.get("/account/index.xhtml").body());
        assertTrue(leavingRow.find(), "the token is listed");
        List<String> cells = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(leavingRow.group()).results()
                .map(cell -> TAG.matcher(cell.group(1)).replaceAll("").strip()).toList();
        assertTrue(cells.size() > 3 && cells.get(3).matches(".*\\d.*"), "name, kind, created, last used: " + cells);
        assertNotFound(feed + "?token=" + renewed, "after leaving the group");
        assertEquals(200, fetch("/api/v1/feeds/everything.atom?token=" + renewed, Map.of()).statusCode(), "the token itself still lives");

        // revoking ends it everywhere (the API token is newest, the feed token second in the list)
        assertTrue(reader.get("/account/index.xhtml").body().contains("tokens:token-list:1:revoke"));
        tokenAction(reader, "token-list:1:revoke");
        assertNotFound("/api/v1/feeds/everything.atom?token=" + renewed, "a revoked token");
    }

    // --- search ----------------------------------------------------------------------------

    @Test
    void searchFindsEachAudienceOnlyForItsReaders() throws Exception {
        String committeeWord = "wombat" + RUN;
        String membersWord = "numbat" + RUN;
        String publicWord = "bilby" + RUN;
        post("carol", "cataloguing", Map.of("title", "Committee only " + RUN, "body", "<p>The " + committeeWord + " plan.</p>", "audience", "COMMITTEE"));
        post("carol", "cataloguing", Map.of("title", "Members only " + RUN, "body", "<p>The " + membersWord + " plan.</p>", "audience", "MEMBERS"));
        post("carol", "cataloguing", Map.of("title", "Public " + RUN, "body", "<p>The " + publicWord + " plan.</p>", "audience", "PUBLIC"));

        assertEquals(1, searchWithin(committeeWord, "carol", 1), "the committee finds its own");
        JsonNode hit = search(committeeWord, "carol").get("hits").get(0);
        assertEquals("Committee only " + RUN, hit.get("title").asText());
        assertEquals(0, searchTotal(committeeWord, "mia"), "a member of the group does not");
        assertEquals(0, searchTotal(committeeWord, "hana"), "nor another group's committee who is a member here");
        assertEquals(0, searchTotal(committeeWord, null), "nor anybody anonymous");
        assertEquals(1, searchTotal(committeeWord, "admin"), "administrators read everything");

        assertEquals(1, searchWithin(membersWord, "mia", 1), "members find members' announcements");
        assertEquals(0, searchTotal(membersWord, "cody"), "someone outside the group does not, though the group is public");
        assertEquals(0, searchTotal(membersWord, null));
        assertEquals(1, searchWithin(publicWord, null, 1), "anybody finds a public one");

        // what the board shows agrees with search
        assertTrue(titles(api("GET", "/groups/cataloguing/announcements", "carol", null)).contains("Committee only " + RUN));
        assertFalse(titles(api("GET", "/groups/cataloguing/announcements", "mia", null)).contains("Committee only " + RUN));
        assertTrue(titles(api("GET", "/groups/cataloguing/announcements", "mia", null)).contains("Members only " + RUN));
        assertFalse(titles(api("GET", "/groups/cataloguing/announcements", "cody", null)).contains("Members only " + RUN));
    }

    // --- acknowledgement, history, rights --------------------------------------------------

    @Test
    void membersAcknowledgeAndTheCommitteeSeesWhoHasInTheViewAndAsCsv() throws Exception {
        long id = post("hana", "health-libraries", Map.of("title", "Must read " + RUN, "body", "<p>Read me.</p>", "audience", "MEMBERS",
                "requiresAcknowledgement", true, "pinned", true)).get("id").asLong();
        JsonNode before = JSON.readTree(api("GET", "/announcements/" + id + "/acknowledgements", "hana", null).body());
        assertTrue(readers(before).contains("mia:no"), before.toString());

        JsonNode acknowledged = JSON.readTree(api("POST", "/announcements/" + id + "/acknowledge", "mia", null).body());
        assertTrue(acknowledged.get("acknowledged").asBoolean());
        JsonNode after = JSON.readTree(api("GET", "/announcements/" + id + "/acknowledgements", "hana", null).body());
        assertTrue(readers(after).contains("mia:yes"), after.toString());
        assertEquals(before.get("acknowledged").asLong() + 1, after.get("acknowledged").asLong());
        assertEquals(before.get("pending").asLong() - 1, after.get("pending").asLong());
        assertEquals(403, api("GET", "/announcements/" + id + "/acknowledgements", "mia", null).statusCode(), "members do not see who has read it");

        HttpResponse<byte[]> csv = fetch("/api/v1/announcements/" + id + "/acknowledgements.csv", Map.of("Authorization", "Bearer " + token("hana")));
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String rows = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(rows.startsWith("name,username,acknowledged,acknowledged_at\r\n"), rows);
        assertTrue(rows.contains(",mia,yes,"), rows);

        String view = loggedIn("hana").get("/announcements/announcement.xhtml?id=" + id).body();
        assertTrue(view.contains("Acknowledgements") && view.contains("(mia)"), "the committee's view names the member");

        // the dismissed banner stays dismissed for that member only
        api("POST", "/announcements/" + id + "/dismiss", "mia", null);
        assertTrue(JSON.readTree(api("GET", "/announcements/" + id, "mia", null).body()).get("dismissed").asBoolean());
        assertFalse(JSON.readTree(api("GET", "/announcements/" + id, "hana", null).body()).get("dismissed").asBoolean());
    }

    @Test
    void editsKeepTheEarlierVersionForTheCommitteeAndOnlyThoseWithRightsPost() throws Exception {
        long id = post("hana", "health-libraries", Map.of("title", "First title " + RUN, "body", "<p>first text</p>", "audience", "PUBLIC"))
                .get("id").asLong();
        assertEquals(200, api("PUT", "/announcements/" + id, "hana", json(Map.of("title", "Second title " + RUN, "body", "<p>second text</p>",
                "audience", "PUBLIC"))).statusCode());
        JsonNode history = JSON.readTree(api("GET", "/announcements/" + id + "/revisions", "hana", null).body());
        assertEquals(1, history.size());
        assertEquals("First title " + RUN, history.get(0).get("title").asText());
        assertEquals("<p>first text</p>", history.get(0).get("body").asText());
        assertEquals(0, JSON.readTree(api("GET", "/announcements/" + id + "/revisions", "mia", null).body()).size(), "not for members");
        assertTrue(loggedIn("hana").get("/announcements/announcement.xhtml?id=" + id).body().contains("First title " + RUN), "on the page too");

        assertEquals(403, api("POST", "/groups/health-libraries/announcements", "mia", json(Map.of("title", "x"))).statusCode(), "members do not post");
        assertEquals(403, api("PUT", "/announcements/" + id, "mia", json(Map.of("title", "x"))).statusCode(), "nor edit");
        assertEquals(403, api("POST", "/announcements", "hana", json(Map.of("title", "x"))).statusCode(), "site-wide: administrators only");
        assertEquals(400, api("POST", "/announcements", "admin", json(Map.of("title", "x", "audience", "COMMITTEE"))).statusCode(),
                "no site-wide committee");
        assertEquals(400, api("POST", "/groups/health-libraries/announcements", "hana", json(Map.of("title", " "))).statusCode());
        assertEquals(404, api("POST", "/groups/board/announcements", "mia", json(Map.of("title", "x"))).statusCode(), "a private group does not exist");
        assertEquals(204, api("DELETE", "/announcements/" + id, "hana", null).statusCode());
        assertEquals(404, api("GET", "/announcements/" + id, "hana", null).statusCode());
        assertEquals(404, api("POST", "/test/clock?seconds=1", "hana", null).statusCode(), "the test clock is for administrators only");
        assertEquals(400, api("POST", "/groups", "admin", "{\"slug\":\"site\",\"name\":\"Site\"}").statusCode(),
                "'site' names the site-wide board in search, never a group");
    }

    // --- helpers ---------------------------------------------------------------------------

    URI base;

    String base() {
        base = Deployments.local(deployed);
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    Portal visitor() {
        return new Portal(Deployments.local(deployed));
    }

    Portal loggedIn(String username) {
        Portal portal = visitor();
        assertEquals(302, portal.login(username, DemoTokens.PASSWORD).statusCode());
        return portal;
    }

    String token(String username) {
        return username == null ? null : DemoTokens.of(Deployments.local(deployed), username);
    }

    /** An API call as a demo account (by name), with a token string (starting gha_), or anonymous (null). */
    HttpResponse<String> api(String method, String path, String who, String json) {
        base();
        String token = who == null ? null : who.startsWith("gha_") ? who : token(who);
        return visitor().api(method, path, token, json);
    }

    JsonNode post(String who, String slug, Map<String, Object> fields) throws IOException {
        HttpResponse<String> response = api("POST", slug == null ? "/announcements" : "/groups/" + slug + "/announcements", who, json(fields));
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    static String json(Map<String, Object> fields) {
        ObjectNode node = JSON.createObjectNode();
        fields.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        return node.toString();
    }

    /** Moves the portal clock by this much and returns its time. */
    Instant clock(Duration by) throws IOException {
        HttpResponse<String> response = api("POST", "/test/clock?seconds=" + by.toSeconds(), "admin", null);
        assertEquals(200, response.statusCode(), "the server runs with guildhall.test.clock=true: " + response.body());
        return Instant.parse(JSON.readTree(response.body()).get("now").asText());
    }

    HttpResponse<byte[]> fetch(String path, Map<String, String> headers) {
        base();
        return visitor().bytes(path, headers);
    }

    void assertNotFound(String path, String why) {
        HttpResponse<byte[]> response = fetch(path, Map.of());
        assertEquals(404, response.statusCode(), why);
        assertTrue(response.headers().firstValue("Location").isEmpty(), why + ": never a redirect to a login page");
    }

    List<Long> ids(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        List<Long> ids = new ArrayList<>();
        JSON.readTree(response.body()).forEach(a -> ids.add(a.get("id").asLong()));
        return ids;
    }

    List<String> titles(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        List<String> titles = new ArrayList<>();
        JSON.readTree(response.body()).forEach(a -> titles.add(a.get("title").asText()));
        return titles;
    }

    static List<String> readers(JsonNode report) {
        List<String> readers = new ArrayList<>();
        report.get("readers").forEach(r -> readers.add(r.get("username").asText() + ":" + (r.hasNonNull("acknowledgedAt") ? "yes" : "no")));
        return readers;
    }

    JsonNode search(String q, String who) throws IOException {
        HttpResponse<String> response = api("GET", "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), who, null);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    long searchTotal(String q, String who) throws IOException {
        return search(q, who).get("total").asLong();
    }

    /** The index takes a moment after a commit (near-real-time refresh): poll for it, never for the clock. */
    long searchWithin(String q, String who, long expected) throws Exception {
        return visitor().awaitSearchTotal(q, token(who), expected, Duration.ofSeconds(10)).get("total").asLong();
    }

    /** Creates a feed token on the account page, as its owner would; the page lists the private feed addresses with it. */
    String issueFeedToken(Portal portal) {
        HttpResponse<String> page = portal.get("/account/index.xhtml");
        HttpResponse<String> response = portal.ajax("/account/index.xhtml", "tokens", "issue",
                Map.of("token-name", "feed reader", "token-scope_input", "FEED"), page.body());
        Matcher secret = Pattern.compile("ghf_[A-Za-z0-9_-]{20,}").matcher(response.body());
        assertTrue(secret.find(), response.body());
        assertTrue(response.body().contains(base() + "/api/v1/feeds/everything.atom?token=" + secret.group()), "the private addresses are shown");
        return secret.group();
    }

    /** Presses a button of the token list (renew or revoke); returns a new secret when one is shown. */
    String tokenAction(Portal portal, String button) {
        HttpResponse<String> page = portal.get("/account/index.xhtml");
        String source = button.contains(":") ? button : "token-list:0:" + button;
        HttpResponse<String> response = portal.ajax("/account/index.xhtml", "tokens", source, Map.of("token-name", "", "token-scope_input", "FEED"),
                page.body());
        assertEquals(200, response.statusCode());
        Matcher secret = Pattern.compile("ghf_[A-Za-z0-9_-]{20,}").matcher(response.body());
        return secret.find() ? secret.group() : null;
    }

    static final Pattern TAG = Pattern.compile("<[a-zA-Z][^>]*>");
    static final Pattern HANDLER = Pattern.compile("\\son[a-z]+\\s*=");

    /**
     * No element or attribute in this HTML that a browser would run or let cover the page.
     * Escaped text (a title shown as {@code &lt;script&gt;}) is inert and allowed; PrimeFaces'
     * own scripts carry the page's CSP nonce and contain no alert.
     */
    static void assertInert(String where, String html) {
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String tag = tags.group().toLowerCase(Locale.ROOT);
            assertFalse(tag.startsWith("<script") && !tag.contains("nonce="), where + ": " + tag);
            for (String element : new String[] {"<img", "<svg", "<iframe", "<object", "<embed", "<style"}) {
                assertFalse(tag.startsWith(element), where + ": " + tag);
            }
            assertFalse(HANDLER.matcher(tag).find(), where + ": an event handler in " + tag);
            assertFalse(tag.contains("javascript:"), where + ": " + tag);
            assertFalse(tag.replace(" ", "").contains("position:fixed"), where + ": " + tag);
        }
        Matcher scripts = Pattern.compile("(?is)<script[^>]*>(.*?)</script>").matcher(html);
        while (scripts.find()) {
            assertFalse(scripts.group(1).contains("alert("), where + ": a script with an alert");
        }
    }

    static String head(String html) {
        int end = html.indexOf("</head>");
        return end < 0 ? "" : html.substring(0, end);
    }

    static Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        if (found.isEmpty()) {
            throw new AssertionError("no " + localName + " in " + parent.getLocalName());
        }
        return found.get(0);
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The href of the atom:link rel="self" directly under the feed (Atom) or channel (RSS). */
    static String selfLink(Element parent) {
        for (Element link : children(parent, "link")) {
            if (ATOM.equals(link.getNamespaceURI()) && "self".equals(link.getAttribute("rel"))) {
                return link.getAttribute("href");
            }
        }
        throw new AssertionError("no atom:link rel=self");
    }
}
