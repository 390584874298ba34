package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.NodeList;

/**
 * Attacks a hostile web page or a hostile member can make through a browser, against the
 * deployed WAR: cross-site form posts to JSF actions and to the API with the victim's cookies,
 * state changes by GET, stored XSS in every user-controlled field wherever it is shown, the
 * session cookie over HTTP and HTTPS and after logout, and error responses to malformed
 * requests. What other classes prove is only referred to: refused foreign, altered and replayed
 * ViewStates and foreign CSP nonces (HostileIT), the new session id at login (PortalIT), the
 * announcement body in boards, feeds and API (AnnouncementsIT). Each refused attack has a
 * control: the same action sent as the real page sends it works.
 *
 * <p>The HTML checks parse with jsoup (on the class path through Tika, which the WAR ships):
 * a browser's reading of the page, not a regular expression's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebAttacksIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEMO = DemoTokens.PASSWORD;
    static final String PASSWORD = "web-attacks-123";
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final String EVIL = "https://evil.example";

    /** What every payload calls: found anywhere a browser would run it, the payload got through. */
    static final String MARK = "ghxss";
    /**
     * Script tags, an event handler, attribute and element breakouts ({@code "'>}, {@code </textarea>},
     * {@code </title>}), a CDATA end, a {@code javascript:} link, a JavaScript string breakout and a
     * right-to-left override (which makes "exe.png" read "gnp.exe").
     */
    static final String PAYLOAD = "<script>ghxss(1)</script><img src=x onerror=ghxss(2)>\"'><svg onload=ghxss(3)></textarea></title>]]>"
            + "<a href=\"javascript:ghxss(4)\">j</a>';ghxss(5);//\u202Egnp.exe";

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.guildhall();
    }

    URI base;

    @BeforeEach
    void base() {
        base = Deployments.local(deployed);
    }

    Portal visitor() {
        return new Portal(base);
    }

    String token(String username) {
        return DemoTokens.of(base, username);
    }

    /** A brand-new account, signed up through the page, logged in, with an API token. */
    record User(String username, Portal portal, String token) {
    }

    User newUser(String prefix) {
        return newUser(prefix, null);
    }

    User newUser(String prefix, String displayName) {
        String username = prefix + SEQUENCE.incrementAndGet() + "-" + RUN;
        Portal portal = visitor();
        HttpResponse<String> signUp = displayName == null ? portal.signUp(username, PASSWORD)
                : portal.submit("/signup.xhtml", "signup", "submit",
                        Map.of("username", username, "displayName", displayName, "email", "", "password", PASSWORD));
        assertEquals(302, signUp.statusCode(), "sign-up: " + signUp.body());
        assertEquals(302, portal.login(username, PASSWORD).statusCode());
        return new User(username, portal, portal.issueApiToken("web attacks"));
    }

    Portal loggedIn(String username) {
        Portal portal = visitor();
        assertEquals(302, portal.login(username, DEMO).statusCode());
        return portal;
    }

    /** A public, open group of this test's, with this account on its committee. */
    String newGroup(String prefix, String name, String description, User committee) throws IOException {
        String slug = prefix + "-" + SEQUENCE.incrementAndGet() + "-" + RUN;
        HttpResponse<String> created = visitor().api("POST", "/groups", token("admin"), json(Map.of("slug", slug, "name", name,
                "description", description, "visibility", "PUBLIC", "joinPolicy", "OPEN")));
        assertEquals(201, created.statusCode(), created.body());
        if (committee != null) {
            HttpResponse<String> added = visitor().api("POST", "/groups/" + slug + "/members", token("admin"),
                    json(Map.of("username", committee.username(), "role", "COMMITTEE")));
            assertEquals(201, added.statusCode(), added.body());
        }
        return slug;
    }

    // --- CSRF: JSF actions ------------------------------------------------------------------------

    @Test
    void crossSitePostsToJoinAGroupChangeNothingWhileThePageItselfJoins() throws Exception {
        User joiner = newUser("joiner");
        User attacker = newUser("attacker");
        String slug = newGroup("csrf-join", "Open Circle " + RUN, "", null);
        String path = "/groups/group.xhtml?slug=" + slug;

        for (String attack : attacks(joiner.portal(), attacker.portal(), path, "group", "join", Map.of(), true)) {
            assertFalse(members(slug).containsKey(joiner.username()), attack + ": joined by a cross-site post");
        }

        HttpResponse<String> joined = joiner.portal().ajax(path, "group", "join", Map.of(), joiner.portal().get(path).body());
        assertEquals(200, joined.statusCode(), joined.body());
        assertTrue(members(slug).containsKey(joiner.username()), "the page's own button joins: " + joined.body());
    }

    @Test
    void crossSitePostsToPostAnAnnouncementChangeNothingWhileThePageItselfPosts() throws Exception {
        User chair = newUser("chair");
        User attacker = newUser("attacker");
        String slug = newGroup("csrf-ann", "Posting Circle " + RUN, "", chair);
        String path = "/groups/group.xhtml?slug=" + slug;
        String title = "Forged notice " + RUN;
        Map<String, String> fields = Map.of("sections:ann-title", title, "sections:ann-body_input", "<p>Send your password to evil.example</p>",
                "sections:ann-audience_input", "PUBLIC");

        for (String attack : attacks(chair.portal(), attacker.portal(), path, "group", "sections:ann-post", fields, true)) {
            assertFalse(boardTitles(slug).contains(title), attack + ": posted by a cross-site post");
        }

        HttpResponse<String> posted = chair.portal().ajax(path, "group", "sections:ann-post", fields, chair.portal().get(path).body());
        assertEquals(200, posted.statusCode(), posted.body());
        assertTrue(boardTitles(slug).contains(title), "the page's own form posts: " + posted.body());
    }

    @Test
    void crossSiteUploadsChangeNothingWhileThePageItselfUploads() throws Exception {
        User chair = newUser("chair");
        User attacker = newUser("attacker");
        String slug = newGroup("csrf-upload", "Upload Circle " + RUN, "", chair);
        String path = "/groups/group.xhtml?slug=" + slug;
        String fileName = "planted-" + RUN + ".txt";
        byte[] content = "Planted by another site.".getBytes(StandardCharsets.UTF_8);

        String attackerPage = attacker.portal().get(path).body();
        for (String viewStateFrom : new String[] {"none", "attacker"}) {
            HttpResponse<String> response = crossSiteUpload(chair.portal(), path, viewStateFrom.equals("none") ? "" : attackerPage, fileName, content);
            if (response.statusCode() >= 400 || response.body().contains("<error>")) {
                assertNoLeak("upload with " + viewStateFrom, response);
            }
            assertFalse(documentTitles(slug).toString().contains("planted-" + RUN), viewStateFrom + " view state: stored by a cross-site upload");
        }

        HttpResponse<String> uploaded = pageUpload(chair.portal(), path, chair.portal().get(path).body(), fileName, content, Map.of());
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        assertTrue(documentTitles(slug).toString().contains("planted-" + RUN), "the page's own upload stores it: " + uploaded.body());
    }

    @Test
    void crossSitePostsToDeleteADocumentChangeNothingWhileThePageItselfDeletes() throws Exception {
        User chair = newUser("chair");
        User attacker = newUser("attacker");
        String slug = newGroup("csrf-delete", "Deleting Circle " + RUN, "", chair);
        long id = upload(chair, slug, "keep-me-" + RUN + ".txt", "Minutes worth keeping.", Map.of());
        String path = "/documents/document.xhtml?id=" + id;
        Map<String, String> fields = Map.of("title", "keep-me-" + RUN, "description", "", "tags", "");

        for (String attack : attacks(chair.portal(), attacker.portal(), path, "doc", "delete", fields, true)) {
            assertFalse(deleted(document(id, chair)), attack + ": deleted by a cross-site post");
        }

        HttpResponse<String> deleted = chair.portal().ajax(path, "doc", "delete", fields, chair.portal().get(path).body());
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertTrue(deleted(document(id, chair)), "the page's own button deletes: " + deleted.body());
    }

    @Test
    void crossSitePostsToChangeARoleChangeNothingWhileThePageItselfChangesIt() throws Exception {
        User chair = newUser("chair");
        User climber = newUser("climber");
        String slug = newGroup("csrf-role", "Role Circle " + RUN, "", chair);
        assertEquals(200, visitor().api("POST", "/groups/" + slug + "/join", climber.token(), null).statusCode());
        String path = "/groups/group.xhtml?slug=" + slug;
        String button = buttonLabelled(chair.portal().get(path).body(), "group", "Make committee", "Test " + climber.username());

        // the climber lures the chair to a page of their own, holding a ViewState of their own session
        for (String attack : attacks(chair.portal(), climber.portal(), path, "group", button, Map.of(), true)) {
            assertEquals("MEMBER", members(slug).get(climber.username()), attack + ": promoted by a cross-site post");
        }

        String page = chair.portal().get(path).body();
        HttpResponse<String> promoted = chair.portal().ajax(path, "group", buttonLabelled(page, "group", "Make committee", "Test " + climber.username()),
                Map.of(), page);
        assertEquals(200, promoted.statusCode(), promoted.body());
        assertEquals("COMMITTEE", members(slug).get(climber.username()), "the page's own button promotes: " + promoted.body());
    }

    @Test
    void crossSitePostsToAdministrationChangeNothingWhileTheAdminPagesWork() throws Exception {
        Portal admin = loggedIn("admin");
        // an attacker holds no admin page: their ViewState comes from a page they can open
        User attacker = newUser("attacker");
        String slug = "csrf-made-" + RUN;
        Map<String, String> group = Map.of("name", "Forged group", "slug", slug, "description", "", "visibility", "PUBLIC", "policy", "OPEN",
                "committee", attacker.username());
        for (String attack : attacks(admin, attacker.portal(), "/admin/new-group.xhtml", "new-group", "submit", group, false)) {
            assertEquals(404, visitor().api("GET", "/groups/" + slug, token("admin"), null).statusCode(), attack + ": group created");
        }
        String mallory = "mallory-" + RUN;
        Map<String, String> account = Map.of("username", mallory, "displayName", "Mallory", "email", "", "password", "mallory-password-1",
                "enabled_input", "on", "admin_input", "on");
        for (String attack : attacks(admin, attacker.portal(), "/admin/accounts.xhtml", "accounts", "save", account, true)) {
            assertFalse(visitor().api("GET", "/accounts", token("admin"), null).body().contains(mallory), attack + ": account created");
        }
        assertEquals(200, visitor().login(mallory, "mallory-password-1").statusCode(), "mallory cannot log in");

        // the controls: the same forms from the admin's own pages
        HttpResponse<String> made = admin.post("/admin/new-group.xhtml", "new-group", "submit", group, admin.get("/admin/new-group.xhtml").body());
        assertTrue(made.statusCode() == 302 || made.statusCode() == 200, made.body());
        assertEquals(200, visitor().api("GET", "/groups/" + slug, token("admin"), null).statusCode(), "the admin page creates it");
        HttpResponse<String> saved = admin.ajax("/admin/accounts.xhtml", "accounts", "save", account, admin.get("/admin/accounts.xhtml").body());
        assertTrue(saved.body().contains("Account " + mallory + " created."), saved.body());
    }

    @Test
    void crossSitePostsToRenewATokenChangeNothingWhileThePageItselfRenews() throws Exception {
        User owner = newUser("owner");
        User attacker = newUser("attacker");
        Map<String, String> fields = Map.of("token-name", "", "token-scope_input", "API");

        for (String attack : attacks(owner.portal(), attacker.portal(), "/account/index.xhtml", "tokens", "token-list:0:renew", fields, true)) {
            assertEquals(200, visitor().api("GET", "/accounts/me", owner.token(), null).statusCode(), attack + ": the token was renewed");
        }

        HttpResponse<String> renewed = owner.portal().ajax("/account/index.xhtml", "tokens", "token-list:0:renew", fields,
                owner.portal().get("/account/index.xhtml").body());
        assertTrue(Pattern.compile("gha_[A-Za-z0-9_-]{20,}").matcher(renewed.body()).find(), "the page shows the new token: " + renewed.body());
        assertEquals(401, visitor().api("GET", "/accounts/me", owner.token(), null).statusCode(), "renewing on the page stops the old token");
    }

    /**
     * Sends the form as a page of another site would make the victim's browser send it: the
     * victim's cookies (SameSite=Lax would keep them home in a browser; this proves the server
     * does not rely on that), the other site's Origin and Referer, and either no ViewState or one
     * the attacker got from their own session. Answers the names of the attacks made, for the
     * caller's check after each; asserts each was refused plainly or ran no action.
     */
    List<String> attacks(Portal victim, Portal attacker, String path, String formId, String button, Map<String, String> fields, boolean ajax) {
        String attackerPage = attacker.get(path).body();
        if (Portal.viewState(attackerPage) == null) {
            attackerPage = attacker.get("/index.xhtml").body();
        }
        Map<String, Map<String, String>> forms = new LinkedHashMap<>();
        for (boolean asAjax : ajax ? new boolean[] {true, false} : new boolean[] {false}) {
            String kind = asAjax ? "AJAX" : "plain";
            forms.put(kind + " post without a ViewState", asAjax ? Portal.ajaxForm(formId, button, fields, "") : Portal.form(formId, button, fields, ""));
            forms.put(kind + " post with the attacker's ViewState and nonce", asAjax ? Portal.ajaxForm(formId, button, fields, attackerPage)
                    : Portal.form(formId, button, fields, attackerPage));
        }
        List<String> made = new ArrayList<>();
        for (var form : forms.entrySet()) {
            HttpRequest.Builder request = crossSiteRequest(path)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Portal.encode(form.getValue())));
            if (form.getKey().startsWith("AJAX")) {
                request.header("Faces-Request", "partial/ajax");
            }
            HttpResponse<String> response = victim.exchange(request);
            String what = form.getKey() + " to " + path;
            assertTrue(response.statusCode() == 200 || response.statusCode() == 302 || response.statusCode() == 400 || response.statusCode() == 403,
                    what + ": " + response.statusCode());
            assertFalse(response.body().contains("created.") || response.body().contains("Posted.") || response.body().contains("gha_"),
                    what + " reports success: " + response.body());
            if (response.statusCode() >= 400 || response.body().contains("<error>")) {
                assertNoLeak(what, response);
            }
            made.add(what);
        }
        return made;
    }

    HttpRequest.Builder crossSiteRequest(String path) {
        return HttpRequest.newBuilder(visitor().uri(path)).header("Origin", EVIL).header("Referer", EVIL + "/free-prize.html");
    }

    HttpResponse<String> crossSiteUpload(Portal victim, String path, String attackerPage, String fileName, byte[] content) {
        return pageUploadRequest(victim, crossSiteRequest(path), attackerPage, fileName, content, Map.of());
    }

    /** The request PrimeFaces' advanced upload sends (multipart, AJAX) from a page already loaded. */
    HttpResponse<String> pageUpload(Portal portal, String path, String pageHtml, String fileName, byte[] content, Map<String, String> fields) {
        return pageUploadRequest(portal, HttpRequest.newBuilder(visitor().uri(path)), pageHtml, fileName, content, fields);
    }

    HttpResponse<String> pageUploadRequest(Portal portal, HttpRequest.Builder request, String pageHtml, String fileName, byte[] content,
            Map<String, String> fields) {
        String upload = "group:sections:upload";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("group", "group");
        fields.forEach(form::put);
        String viewState = Portal.viewState(pageHtml);
        if (viewState != null) {
            form.put("jakarta.faces.ViewState", viewState);
        }
        Portal.nonce(pageHtml).ifPresent(nonce -> form.put("primefaces.nonce", nonce));
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.partial.execute", upload);
        form.put("jakarta.faces.source", upload);
        form.put("jakarta.faces.partial.render", "messages");
        form.put(upload + "_totalFilesCount", "1");
        String boundary = "----guildhall" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        form.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + upload + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return portal.exchange(request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Faces-Request", "partial/ajax").header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    // --- CSRF: the API -------------------------------------------------------------------------------

    /**
     * The API authenticates by bearer token only ({@code BearerTokens}): with nothing but a logged-in
     * session's cookie every call is anonymous, so the simple requests any page can send cross-site
     * (form-urlencoded, multipart, text/plain) and the others (PUT, DELETE, JSON) change nothing.
     */
    @Test
    void theApiIgnoresTheSessionCookieSoCrossSiteRequestsChangeNothing() throws Exception {
        User chair = newUser("chair");
        User outsider = newUser("outsider");
        String slug = newGroup("csrf-api", "Api Circle " + RUN, "", chair);
        long id = upload(chair, slug, "api-keep-" + RUN + ".txt", "Keep this.", Map.of());
        Portal victim = chair.portal();
        assertTrue(victim.get("/account/index.xhtml").body().contains("Personal tokens"), "the victim's session is logged in");

        String title = "Cross-site notice " + RUN;
        String announcement = json(Map.of("title", title, "body", "<p>x</p>", "audience", "PUBLIC"));
        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        responses.put("me", victim.exchange(crossSiteRequest("/api/v1/accounts/me").GET()));
        responses.put("announcement as text/plain", victim.exchange(crossSiteRequest("/api/v1/groups/" + slug + "/announcements")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(announcement))));
        responses.put("announcement as a form", victim.exchange(crossSiteRequest("/api/v1/groups/" + slug + "/announcements")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("title=" + URLEncoder.encode(title, StandardCharsets.UTF_8) + "&body=x&audience=PUBLIC"))));
        responses.put("announcement as JSON", victim.exchange(crossSiteRequest("/api/v1/groups/" + slug + "/announcements")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(announcement))));
        String boundary = "----evil";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"api-planted-" + RUN
                + ".txt\"\r\nContent-Type: text/plain\r\n\r\nplanted\r\n--" + boundary + "--\r\n";
        responses.put("upload as multipart", victim.exchange(crossSiteRequest("/api/v1/groups/" + slug + "/documents")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(multipart))));
        responses.put("join as text/plain", victim.exchange(crossSiteRequest("/api/v1/groups/career-development/join")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(""))));
        responses.put("promote the outsider", victim.exchange(crossSiteRequest("/api/v1/groups/" + slug + "/members")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(
                        json(Map.of("username", outsider.username(), "role", "COMMITTEE"))))));
        responses.put("rename by PUT", victim.exchange(crossSiteRequest("/api/v1/groups/" + slug).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("name", "Taken over", "visibility", "MEMBERS", "joinPolicy", "OPEN"))))));
        responses.put("delete a document", victim.exchange(crossSiteRequest("/api/v1/documents/" + id).DELETE()));

        for (var entry : responses.entrySet()) {
            int status = entry.getValue().statusCode();
            assertTrue(status == 401 || status == 403 || status == 404 || status == 405 || status == 415,
                    entry.getKey() + " with the session cookie only: " + status + " " + entry.getValue().body());
            assertNoLeak(entry.getKey(), entry.getValue());
        }
        assertFalse(responses.get("me").body().contains(chair.username()), "the cookie names nobody to the API");
        assertFalse(boardTitles(slug).contains(title), "no announcement");
        assertFalse(documentTitles(slug).toString().contains("api-planted"), "no document");
        assertFalse(members("career-development").containsKey(chair.username()), "no membership");
        assertFalse(members(slug).containsKey(outsider.username()), "nobody added");
        assertEquals("Api Circle " + RUN, JSON.readTree(visitor().api("GET", "/groups/" + slug, null, null).body()).get("name").asText());
        assertFalse(deleted(document(id, chair)), "not deleted");

        // the controls: the same calls with the victim's token do what they say
        assertEquals(201, visitor().api("POST", "/groups/" + slug + "/announcements", chair.token(), announcement).statusCode());
        assertTrue(boardTitles(slug).contains(title));
        assertEquals(200, visitor().api("POST", "/groups/career-development/join", chair.token(), null).statusCode());
        assertTrue(members("career-development").containsKey(chair.username()));
        assertEquals(2, visitor().api("DELETE", "/documents/" + id, chair.token(), null).statusCode() / 100);
        assertTrue(deleted(document(id, chair)));
    }

    // --- no state change on GET -------------------------------------------------------------------------

    /**
     * Every GET route, for anonymous visitors, a member and an administrator, also with query
     * parameters that name actions, the method-override conventions, and — the strongest case — a
     * page's own valid ViewState and nonce with its buttons' names, as a GET: the database is the
     * same before and after, row by row. The snapshot reads the database itself, since the API would
     * move the tokens' "last used" by reading, and does not list receipts, revisions or jobs.
     */
    @Test
    void noGetRequestChangesTheDatabase() throws Exception {
        User member = newUser("getter");
        User chair = newUser("chair");
        String slug = newGroup("get", "Get Circle " + RUN, "Read me", chair);
        long documentId = upload(chair, slug, "get-" + RUN + ".txt", "Read, never written.", Map.of("tags", "minutes"));
        long versionId = document(documentId, chair).get("current").get("id").asLong();
        long announcementId = JSON.readTree(visitor().api("POST", "/groups/" + slug + "/announcements", chair.token(),
                json(Map.of("title", "Get notice " + RUN, "body", "<p>x</p>", "audience", "PUBLIC", "requiresAcknowledgement", true))).body())
                .get("id").asLong();
        Portal admin = loggedIn("admin");
        String adminToken = token("admin");
        // the real pages' ViewStates, used in GETs below: loaded before the snapshot
        String groupPage = member.portal().get("/groups/group.xhtml?slug=" + slug).body();
        String accountPage = member.portal().get("/account/index.xhtml").body();
        String newGroupPage = admin.get("/admin/new-group.xhtml").body();
        String announcementPage = member.portal().get("/announcements/announcement.xhtml?id=" + announcementId).body();
        awaitExtractionIdle();

        Map<String, String> before = snapshot();
        List<String> pages = new ArrayList<>(List.of("/", "/index.xhtml", "/groups/index.xhtml", "/groups/group.xhtml?slug=" + slug,
                "/groups/group.xhtml?slug=board", "/documents/document.xhtml?id=" + documentId, "/announcements/index.xhtml",
                "/announcements/announcement.xhtml?id=" + announcementId, "/search.xhtml?q=minutes", "/search.xhtml?q=read&tag=minutes&sort=date",
                "/account/index.xhtml", "/admin/accounts.xhtml", "/admin/new-group.xhtml", "/admin/search.xhtml", "/login.xhtml?next=/account/index.xhtml",
                "/signup.xhtml", "/download/" + versionId,
                "/groups/group.xhtml?slug=" + slug + "&action=join&join=true&group=group&group:join=group:join",
                "/groups/index.xhtml?join=" + slug,
                "/documents/document.xhtml?id=" + documentId + "&delete=true&doc=doc&doc:delete=doc:delete",
                "/announcements/announcement.xhtml?id=" + announcementId + "&acknowledge=true&ann=ann&ann:acknowledge=ann:acknowledge",
                "/admin/search.xhtml?index=index&index:rebuild=index:rebuild",
                "/admin/new-group.xhtml?new-group=new-group&new-group:slug=get-made-" + RUN + "&new-group:name=Made+by+GET&new-group:submit=Create+group",
                "/signup.xhtml?signup=signup&signup:username=get-made-" + RUN + "&signup:displayName=x&signup:password=get-made-password&signup:submit=x",
                "/account/index.xhtml?tokens=tokens&tokens:issue=tokens:issue&tokens:token-name=by-get&tokens:token-scope_input=API",
                "/search.xhtml?q=x&jakarta.faces.ViewState=stateless",
                "/index.xhtml?logout=logout&logout:submit=Log+out"));
        // a page's own ViewState and nonce in a GET: Faces would take a GET with a ViewState for a postback
        pages.add(asGet("/groups/group.xhtml?slug=" + slug, Portal.ajaxForm("group", "join", Map.of(), groupPage)));
        pages.add(asGet("/groups/group.xhtml?slug=" + slug, Portal.form("group", "join", Map.of(), groupPage)));
        pages.add(asGet("/account/index.xhtml", Portal.ajaxForm("tokens", "issue", Map.of("token-name", "by-get", "token-scope_input", "API"), accountPage)));
        pages.add(asGet("/announcements/announcement.xhtml?id=" + announcementId, Portal.ajaxForm("ann", "acknowledge", Map.of(), announcementPage)));
        pages.add(asGet("/admin/new-group.xhtml", Portal.form("new-group", "submit", Map.of("name", "Made by GET", "slug", "get-made-" + RUN,
                "description", "", "visibility", "PUBLIC", "policy", "OPEN", "committee", ""), newGroupPage)));
        List<String> api = List.of("/groups", "/groups/" + slug, "/groups/" + slug + "/members", "/groups/" + slug + "/join",
                "/groups/" + slug + "/documents", "/groups/" + slug + "/announcements", "/documents/" + documentId,
                "/documents/" + documentId + "/content", "/documents/" + documentId + "/text", "/documents/" + documentId + "/purge",
                "/documents/" + documentId + "/restore", "/documents/" + documentId + "/retry", "/announcements", "/announcements/" + announcementId,
                "/announcements/" + announcementId + "/acknowledge", "/announcements/" + announcementId + "/dismiss",
                "/announcements/" + announcementId + "/acknowledgements", "/announcements/" + announcementId + "/acknowledgements.csv",
                "/search?q=minutes", "/search/suggest?q=mi", "/admin/search", "/admin/search/rebuild", "/admin/search/check", "/admin/server-load",
                "/accounts", "/accounts/me", "/feeds/everything.atom", "/feeds/groups/" + slug + "/announcements.rss",
                "/groups/" + slug + "/join?_method=POST", "/documents/" + documentId + "?_method=DELETE", "/admin/search/rebuild?method=POST");

        List<String> answered = new ArrayList<>();
        for (Portal who : List.of(visitor(), member.portal(), admin)) {
            for (String page : pages) {
                answered.add(who.get(page).statusCode() + " " + page);
            }
        }
        for (String token : new String[] {null, member.token(), chair.token(), adminToken}) {
            for (String path : api) {
                for (String override : new String[] {null, "DELETE", "POST", "PUT"}) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(visitor().uri("/api/v1" + path)).GET();
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                    if (override != null) {
                        request.header("X-HTTP-Method-Override", override).header("X-Method-Override", override);
                    }
                    answered.add(visitor().exchange(request).statusCode() + " " + path);
                }
            }
        }
        for (String path : new String[] {"/openapi", "/health/ready", "/health", "/api/v1/feeds/announcements.atom"}) {
            answered.add(visitor().get(path).statusCode() + " " + path);
        }
        assertTrue(answered.stream().anyMatch(a -> a.startsWith("200 /groups/" + slug + "/members")), "the sweep read real data: " + answered);

        Map<String, String> after = snapshot();
        assertEquals(before, after, "GET requests changed the database");
        assertTrue(member.portal().get("/account/index.xhtml").body().contains("Personal tokens"), "a GET did not log the member out");
        assertTrue(admin.get("/admin/accounts.xhtml").body().contains("account-list"), "nor the administrator");

        // the snapshot sees a change when there is one
        assertEquals(200, visitor().api("POST", "/groups/" + slug + "/join", member.token(), null).statusCode());
        assertNotEquals(after, snapshot(), "a POST shows in the snapshot");
    }

    /** A form's fields as the query of a GET to the same page. */
    static String asGet(String path, Map<String, String> form) {
        return path + (path.contains("?") ? "&" : "?") + Portal.encode(form);
    }

    /** The extraction workers write while they work: the snapshot waits until they are idle. */
    void awaitExtractionIdle() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!"0".equals(TestDatabase.single("select count(*) from gh_extraction_job where finished_at is null").orElse("?"))) {
            assertTrue(System.nanoTime() < deadline, "extraction never became idle");
            Thread.sleep(200);
        }
    }

    /** Each table's rows, as a digest per table, with the columns that only record use (a token's last use) left out. */
    static Map<String, String> snapshot() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("accounts", "select id, username, display_name, email, password_hash, admin, enabled from gh_account order by id");
        queries.put("tokens", "select id, account_id, name, secret_hash, scope from gh_api_token order by id");
        queries.put("groups", "select * from gh_group order by id");
        queries.put("memberships", "select * from gh_membership order by id");
        queries.put("documents", "select * from gh_document order by id");
        queries.put("tags", "select * from gh_document_tag order by document_id, tag");
        queries.put("versions", "select * from gh_document_version order by id");
        queries.put("jobs", "select * from gh_extraction_job order by id");
        queries.put("parts", "select id, version_id, seq, path, length(content) from gh_extracted_part order by id");
        queries.put("changes", "select count(*), max(seq) from gh_content_change");
        queries.put("announcements", "select * from gh_announcement order by id");
        queries.put("revisions", "select * from gh_announcement_revision order by id");
        queries.put("receipts", "select * from gh_announcement_receipt order by id");
        Map<String, String> digests = new LinkedHashMap<>();
        try (Connection connection = TestDatabase.connect()) {
            for (var query : queries.entrySet()) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                int rows = 0;
                try (PreparedStatement statement = connection.prepareStatement(query.getValue()); ResultSet rs = statement.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= columns; i++) {
                            digest.update(String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8));
                            digest.update((byte) 0);
                        }
                    }
                }
                digests.put(query.getKey(), rows + " rows " + HexFormat.of().formatHex(digest.digest()).substring(0, 16));
            }
        }
        return digests;
    }

    // --- stored XSS --------------------------------------------------------------------------------------

    /**
     * The payload in every field a user controls — group name and description, a display name,
     * document title, description, tags, file name and text, announcement title and body — and
     * each place that shows them checked as a browser would read it: pages (anonymous, member,
     * committee, administrator; the forms that edit them too), an AJAX update, search (page, API,
     * snippets, facets, suggestions in the header box), feeds, the API and the CSV export.
     */
    @Test
    void storedPayloadsAreInertWhereverTheyAreShown() throws Exception {
        String displayName = "=1+2 " + PAYLOAD;
        // first in the administrator's list, which is by user name, 25 a page
        User evil = newUser("aaevil", displayName);
        String groupName = "G " + PAYLOAD;
        String description = "About: " + PAYLOAD + " </textarea><script>ghxss(10)</script>";
        String slug = newGroup("xss", groupName, description, evil);
        String word = "zqd" + RUN;
        String title = "zqt" + RUN + " " + PAYLOAD;
        String fileName = "'><img src=x onerror=ghxss(8)><svg onload=ghxss(9)>]]>.txt";
        List<String> tags = List.of("\"'><svg onload=ghxss(6)>", "</textarea><script>ghxss(7)</script>");
        HttpResponse<String> stored = visitor().multipart("/groups/" + slug + "/documents", evil.token(),
                Map.of("title", title, "description", description, "tags", String.join(",", tags)),
                List.of(new Portal.Upload(fileName, (word + " committee words " + PAYLOAD).getBytes(StandardCharsets.UTF_8))));
        assertEquals(201, stored.statusCode(), stored.body());
        JsonNode doc = JSON.readTree(stored.body()).get(0).get("document");
        long documentId = doc.get("id").asLong();
        String shownFileName = doc.get("current").get("fileName").asText();
        String annTitle = "zqa" + RUN + " " + PAYLOAD;
        String annBody = "<p>Harmless " + RUN + "</p><script>ghxss(11)</script><svg onload=ghxss(12)></svg><a href=\"javascript:ghxss(13)\">x</a>"
                + "]]></content><img src=x onerror=ghxss(14)>";
        HttpResponse<String> posted = visitor().api("POST", "/groups/" + slug + "/announcements", evil.token(),
                json(Map.of("title", annTitle, "body", annBody, "audience", "PUBLIC", "requiresAcknowledgement", true)));
        assertEquals(201, posted.statusCode(), posted.body());
        long announcementId = JSON.readTree(posted.body()).get("id").asLong();

        // pages, each as the one who sees the most of it
        Portal anonymous = visitor();
        Portal admin = loggedIn("admin");
        User reader = newUser("reader");
        String groupPath = "/groups/group.xhtml?slug=" + slug;
        String documentPath = "/documents/document.xhtml?id=" + documentId;
        String announcementPath = "/announcements/announcement.xhtml?id=" + announcementId;
        assertShown("group page, anonymous", anonymous.get(groupPath), groupName, description, annTitle, title, shownFileName, tags.get(0), displayName);
        assertShown("group page, committee", evil.portal().get(groupPath), groupName, description, displayName);
        assertShown("group directory", anonymous.get("/groups/index.xhtml"), groupName, description);
        assertShown("document page, anonymous", anonymous.get(documentPath), title, description, shownFileName, tags.get(1), groupName, displayName);
        assertShown("document page, committee", evil.portal().get(documentPath), title, description, shownFileName);
        assertShown("announcement page, anonymous", anonymous.get(announcementPath), annTitle, displayName, "Harmless " + RUN);
        assertShown("announcement page, committee", evil.portal().get(announcementPath), annTitle, displayName);
        assertShown("home, committee", evil.portal().get("/index.xhtml"), displayName, groupName, annTitle);
        assertShown("account page", evil.portal().get("/account/index.xhtml"), displayName);
        assertShown("accounts, administrator", admin.get("/admin/accounts.xhtml"), displayName);

        // an AJAX update carries the group's name inside CDATA, which "]]>" must not end
        String page = reader.portal().get(groupPath).body();
        HttpResponse<String> joined = reader.portal().ajax(groupPath, "group", "join", Map.of(), page);
        assertPartialResponseInert("join's AJAX update", joined, groupName);
        assertShown("group page, member (with the leave confirmation)", reader.portal().get(groupPath), groupName);
        assertShown("home, member", reader.portal().get("/index.xhtml"), groupName, annTitle);

        // search: the page (hits, snippets, facets), the API, the header box's suggestions
        JsonNode found = visitor().awaitSearchTotal(word, null, 1, Duration.ofSeconds(60));
        assertEquals(1, found.get("total").asLong(), "the document's text is searchable: " + found);
        assertShown("search page", anonymous.get("/search.xhtml?q=" + word), title, groupName);
        assertShown("search page, announcement", anonymous.get("/search.xhtml?q=zqa" + RUN), annTitle);
        JsonNode hit = found.get("hits").get(0);
        assertEquals(title, hit.get("title").asText());
        assertInert("search API snippet", hit.get("snippet").asText());
        assertTrue(Jsoup.parse(hit.get("snippet").asText()).text().contains(MARK), "the snippet shows the text as text: " + hit.get("snippet"));
        HttpResponse<String> suggest = visitor().api("GET", "/search/suggest?q=zqt" + RUN, null, null);
        assertJson("suggestions", suggest);
        assertTrue(suggest.body().contains("ghxss(1)"), suggest.body());
        // the suggester shows titles as it indexed them (quotes become spaces): what matters is the script shown as text
        assertPartialResponseInert("header box suggestions", autocomplete(anonymous, "zqt" + RUN), "zqt" + RUN + " <script>ghxss(1)</script>");

        // feeds: well-formed XML, titles as text, content without anything active
        for (String feed : List.of("announcements", "documents")) {
            for (String format : List.of("atom", "rss")) {
                assertFeedInert("/api/v1/feeds/groups/" + slug + "/" + feed + "." + format, groupName, feed.equals("announcements") ? annTitle : title);
            }
        }

        // the API: the text as it was given, as JSON that no browser sniffs as HTML
        JsonNode group = assertJson("group", visitor().api("GET", "/groups/" + slug, null, null));
        assertEquals(groupName, group.get("name").asText());
        assertEquals(description, group.get("description").asText());
        JsonNode document = assertJson("document", visitor().api("GET", "/documents/" + documentId, null, null));
        assertEquals(title, document.get("title").asText());
        assertEquals(new TreeSet<>(tags), new TreeSet<>(JSON.convertValue(document.get("tags"), List.class)));
        JsonNode announcement = assertJson("announcement", visitor().api("GET", "/announcements/" + announcementId, null, null));
        assertEquals(annTitle, announcement.get("title").asText());
        assertInert("announcement body in the API", announcement.get("body").asText());
        assertTrue(assertJson("members", visitor().api("GET", "/groups/" + slug + "/members", null, null)).toString().contains("ghxss(1)"));

        // the CSV export: the name is data, and a spreadsheet would not run it as a formula
        HttpResponse<String> csv = apiRaw("GET", "/announcements/" + announcementId + "/acknowledgements.csv", evil.token(), null, null,
                Map.of("Accept", "text/csv"));
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().map().toString());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"), "downloaded, never shown");
        assertEquals("nosniff", csv.headers().firstValue("X-Content-Type-Options").orElse(""));
        String line = csv.body().lines().filter(l -> l.contains(evil.username())).findFirst().orElseThrow(() -> new AssertionError(csv.body()));
        assertTrue(line.startsWith("\"'=1+2 "), "the formula is quoted inert: " + line);
    }

    /**
     * What a visitor types comes back on the search page (the box, the title, "Showing results
     * for", "Nothing matches", "Did you mean", the links), in the API and in the header box's
     * suggestions: never as markup.
     */
    @Test
    void searchQueriesAreEchoedAsText() throws Exception {
        User chair = newUser("chair");
        String slug = newGroup("echo", "Echo Circle " + RUN, "", chair);
        String word = "zqe" + RUN;
        long id = upload(chair, slug, "echo-" + RUN + ".txt", word + " is the word of this paper.", Map.of());
        assertEquals(1, visitor().awaitSearchTotal(word, null, 1, Duration.ofSeconds(60)).get("total").asLong(), "document " + id + " indexed");

        String query = "\"'><svg onload=ghxss(21)></title></textarea><script>ghxss(22)</script>]]>\u202E";
        HttpResponse<String> echoed = visitor().get("/search.xhtml?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertEquals(200, echoed.statusCode());
        assertInert("search page echo", echoed.body());
        org.jsoup.nodes.Document parsed = Jsoup.parse(echoed.body());
        assertEquals(query, parsed.getElementById("search-q").attr("value"), "the box holds the query as typed");
        assertTrue(parsed.text().contains("ghxss(21)"), "the query is shown as text");

        // nothing found, and one word close to an indexed one: "Did you mean" echoes the rest of the query
        // no word of it is in the index (ghxssq is not ghxss; no digits), so nothing is found
        String misspelt = "'><ghxssq/onfocus=ghxssq()autofocus> " + word + "x";
        HttpResponse<String> mean = visitor().get("/search.xhtml?q=" + URLEncoder.encode(misspelt, StandardCharsets.UTF_8));
        assertInert("did you mean", mean.body());
        Element didYouMean = Jsoup.parse(mean.body()).getElementById("did-you-mean");
        assertTrue(didYouMean != null, "a suggestion is offered: " + mean.body());
        assertTrue(didYouMean.text().contains(word), didYouMean.outerHtml());
        String href = didYouMean.selectFirst("a").attr("href");
        assertTrue(href.startsWith("/search.xhtml?") || href.startsWith(base.getPath() + "search.xhtml?"), "a link to the search page: " + href);

        HttpResponse<String> api = visitor().api("GET", "/search?q=" + URLEncoder.encode(misspelt, StandardCharsets.UTF_8), null, null);
        assertJson("search API echo", api);
        HttpResponse<String> suggest = visitor().api("GET", "/search/suggest?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), null, null);
        assertJson("suggest API echo", suggest);
        assertPartialResponseInert("header box echo", autocomplete(visitor(), query), null);
    }

    /** The request PrimeFaces' autocomplete sends as one types into the header box; answers its partial response. */
    HttpResponse<String> autocomplete(Portal portal, String typed) {
        String page = portal.get("/index.xhtml").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", "site-search:q");
        form.put("jakarta.faces.partial.execute", "site-search:q");
        form.put("jakarta.faces.partial.render", "site-search:q");
        form.put("site-search:q", "site-search:q");
        form.put("site-search:q_query", typed);
        form.put("site-search", "site-search");
        form.put("site-search:q_input", typed);
        form.put("jakarta.faces.ViewState", Portal.viewState(page));
        Portal.nonce(page).ifPresent(nonce -> form.put("primefaces.nonce", nonce));
        return portal.exchange(HttpRequest.newBuilder(visitor().uri("/index.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8").header("Faces-Request", "partial/ajax")
                .POST(HttpRequest.BodyPublishers.ofString(Portal.encode(form))));
    }

    void assertShown(String where, HttpResponse<String> response, String... texts) {
        assertEquals(200, response.statusCode(), where + ": " + response.body());
        assertInert(where, response.body());
        String text = Jsoup.parse(response.body()).text();
        for (String expected : texts) {
            // text as typed (escaped in the markup), or the value of a field that edits it
            boolean asText = text.contains(expected.replaceAll("\\s+", " ").strip());
            boolean asValue = Jsoup.parse(response.body()).select("input, textarea").stream()
                    .anyMatch(e -> expected.equals(e.hasAttr("value") ? e.attr("value") : e.wholeText()));
            assertTrue(asText || asValue, where + ": shows " + expected);
        }
    }

    static void assertPartialResponseInert(String where, HttpResponse<String> response, String shown) throws Exception {
        assertEquals(200, response.statusCode(), where + ": " + response.body());
        NodeList updates = xml(response.body().getBytes(StandardCharsets.UTF_8)).getElementsByTagName("update");
        assertTrue(updates.getLength() > 0, where + ": " + response.body());
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < updates.getLength(); i++) {
            String html = updates.item(i).getTextContent();
            String id = ((org.w3c.dom.Element) updates.item(i)).getAttribute("id");
            if (id.contains("ViewState") || id.contains("nonce")) {
                continue;
            }
            assertInert(where + " (" + id + ")", html);
            all.append(Jsoup.parseBodyFragment(html).text()).append(' ');
        }
        // scripts the response has the page run
        NodeList evals = xml(response.body().getBytes(StandardCharsets.UTF_8)).getElementsByTagName("eval");
        for (int i = 0; i < evals.getLength(); i++) {
            String script = evals.item(i).getTextContent();
            assertFalse(outsideStrings(script).contains(MARK), where + ": the payload left a script's string: " + script);
        }
        if (shown != null) {
            assertTrue(all.toString().contains(shown.replaceAll("\\s+", " ").strip()), where + ": shows " + shown + " in " + all);
        }
    }

    void assertFeedInert(String path, String groupName, String itemTitle) throws Exception {
        HttpResponse<byte[]> response = visitor().bytes(path, Map.of());
        assertEquals(200, response.statusCode(), path);
        org.w3c.dom.Document feed = xml(response.body());
        for (String active : new String[] {"script", "svg", "img", "iframe"}) {
            assertEquals(0, feed.getElementsByTagNameNS("*", active).getLength(), path + ": a " + active + " element");
        }
        List<String> titles = new ArrayList<>();
        NodeList titleNodes = feed.getElementsByTagNameNS("*", "title");
        for (int i = 0; i < titleNodes.getLength(); i++) {
            titles.add(titleNodes.item(i).getTextContent());
        }
        assertTrue(titles.stream().anyMatch(t -> t.contains(groupName)), path + ": the group's name as text in " + titles);
        assertTrue(titles.contains(itemTitle), path + ": the item's title as text in " + titles);
        // what readers render as HTML: Atom's constructs typed html, RSS items' description and content:encoded
        // (RSS's channel description is plain text: the group's description, as text)
        NodeList all = feed.getElementsByTagNameNS("*", "*");
        int checked = 0;
        for (int i = 0; i < all.getLength(); i++) {
            org.w3c.dom.Element element = (org.w3c.dom.Element) all.item(i);
            String name = element.getLocalName();
            boolean atomHtml = "html".equals(element.getAttribute("type"));
            boolean rssHtml = (name.equals("description") || name.equals("encoded")) && element.getParentNode().getLocalName().equals("item");
            if (atomHtml || rssHtml) {
                assertInert(path + " " + name, element.getTextContent());
                checked++;
            }
        }
        assertTrue(checked > 0, path + ": no HTML content checked");
    }

    static JsonNode assertJson(String where, HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), where + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), where + ": "
                + response.headers().firstValue("Content-Type"));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), where);
        return JSON.readTree(response.body());
    }

    static final Set<String> ACTIVE_ELEMENTS = Set.of("svg", "math", "img", "iframe", "frame", "object", "embed", "applet", "base", "form",
            "meta", "link", "style", "video", "audio", "source");
    /** Elements whose content is code or another document, never text. */
    static final Set<String> EMBEDDING = Set.of("svg", "math", "style", "object", "iframe", "embed", "applet");
    /** Attributes a browser shows as text at most. */
    static final Set<String> TEXT_ATTRIBUTES = Set.of("title", "alt", "aria-label", "placeholder", "value");
    static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background");
    /** JavaScript string literals, with their escapes. */
    static final Pattern JS_STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'");

    /** A script without its string literals: a payload found in what is left would run. */
    static String outsideStrings(String script) {
        return JS_STRING.matcher(script).replaceAll("\"\"");
    }

    /**
     * Nothing in this HTML that a browser would run because of a payload: no script without the
     * page's nonce (nor one a payload broke out of a string in), no event handler or
     * {@code javascript:} URL, no element a payload could have made (an svg, an img, …, carrying
     * it). The page's own markup is allowed; a payload shown as text is fine.
     */
    static void assertInert(String where, String html) {
        for (Element element : Jsoup.parse(html).getAllElements()) {
            String tag = element.normalName();
            if (tag.equals("script")) {
                assertTrue(element.hasAttr("nonce") || element.hasAttr("src"), where + ": a script without the page's nonce: " + element.outerHtml());
                assertFalse(element.hasAttr("src") && !element.attr("src").startsWith("/"), where + ": a script from elsewhere: " + element.outerHtml());
                assertFalse(outsideStrings(element.data()).contains(MARK), where + ": the payload left a script's string: " + element.data());
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue();
                assertFalse(name.startsWith("on") && value.contains(MARK), where + ": an event handler " + element.outerHtml());
                assertFalse(name.contains(MARK) || name.contains("<") || name.contains("\"") || name.contains("'"),
                        where + ": an attribute made by a breakout: " + element.outerHtml());
                String url = value.replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase(Locale.ROOT);
                if (URL_ATTRIBUTES.contains(name)) {
                    assertFalse(url.startsWith("javascript:") || url.startsWith("vbscript:") || url.startsWith("data:text/html"),
                            where + ": a script URL " + element.outerHtml());
                }
            }
            if (ACTIVE_ELEMENTS.contains(tag)) {
                // the page's own link and meta elements may carry a payload as text (a feed's title)
                boolean carries = element.attributes().asList().stream()
                        .anyMatch(a -> !TEXT_ATTRIBUTES.contains(a.getKey().toLowerCase(Locale.ROOT)) && a.getValue().contains(MARK));
                assertFalse(carries || (EMBEDDING.contains(tag) && element.html().contains(MARK)),
                        where + ": a payload's " + tag + ": " + element.outerHtml());
            }
        }
    }

    static org.w3c.dom.Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    // --- session ------------------------------------------------------------------------------------------

    /**
     * The old session cookie after logout is an anonymous visitor's: the members-only group and
     * its documents answer as if they did not exist, exactly as for a stranger. (The new id at
     * login: PortalIT.)
     */
    @Test
    void afterLogoutTheOldSessionCookieReachesNoMembersContent() throws Exception {
        Portal carol = loggedIn("carol");
        JsonNode board = JSON.readTree(visitor().api("GET", "/groups/board/documents", token("carol"), null).body());
        long versionId = board.get("documents").get(0).get("current").get("id").asLong();
        String boardPath = "/groups/group.xhtml?slug=board";
        assertEquals(200, carol.get(boardPath).statusCode(), "a member reads the private group");
        assertEquals(200, carol.bytes("/download/" + versionId, Map.of()).statusCode(), "and downloads its papers");
        String oldSession = carol.sessionId().orElseThrow();

        assertEquals(302, carol.post("/index.xhtml", "logout", "submit", Map.of(), carol.get("/index.xhtml").body()).statusCode());

        Portal replay = visitor();
        java.net.HttpCookie stolen = new java.net.HttpCookie("JSESSIONID", oldSession);
        stolen.setPath("/");
        stolen.setVersion(0);
        replay.cookies().getCookieStore().add(replay.base(), stolen);
        HttpResponse<String> group = replay.get(boardPath);
        HttpResponse<String> missing = visitor().get("/groups/group.xhtml?slug=no-such-group");
        assertEquals(404, group.statusCode());
        assertEquals(missing.body(), group.body(), "the private group is as missing as one that never was");
        assertEquals(404, replay.bytes("/download/" + versionId, Map.of()).statusCode(), "its papers too");
        assertFalse(replay.get("/index.xhtml").body().contains("Carol"), "nobody's name in the header");
        assertTrue(replay.get("/account/index.xhtml").body().contains("id=\"login:username\""), "the account page asks to log in");
    }

    /**
     * Over HTTPS (Payara Micro's own listener with its self-signed certificate, on a server started
     * for this test on a data folder of its own, since the Arquillian container serves plain HTTP only):
     * the session cookie is Secure as well as HttpOnly and SameSite, and the listener hides the
     * server's name as the plain one does.
     */
    @Test
    void overHttpsTheSessionCookieIsSecureHttpOnlyAndSameSite() throws Exception {
        int sslPort = PayaraProcess.freePort();
        Path data = Path.of(System.getProperty("it.data", "target/it-data") + "-tls").toAbsolutePath();
        try (PayaraProcess server = PayaraProcess.start(data, List.of("--sslport", String.valueOf(sslPort)),
                "-Dguildhall.db.url=embedded", "-Dguildhall.demo.enabled=false")) {
            URI https = URI.create("https://localhost:" + sslPort + "/");
            Portal secure = new Portal(https, trustLoopback());
            HttpResponse<String> login = firstAnswer(secure, "/login.xhtml");
            assertEquals(200, login.statusCode(), login.body());
            String cookie = sessionCookie(login);
            assertTrue(cookie.contains("; Secure") || cookie.toLowerCase(Locale.ROOT).contains(";secure"), "Secure over HTTPS: " + cookie);
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.toLowerCase(Locale.ROOT).contains("samesite=lax"), cookie);
            assertTrue(login.headers().firstValue("Strict-Transport-Security").isPresent(), "HSTS over HTTPS");
            assertNoServerName("HTTPS", login);

            // and the session made at login
            String username = "tls" + RUN;
            assertEquals(302, secure.signUp(username, PASSWORD).statusCode());
            HttpResponse<String> loggedIn = secure.login(username, PASSWORD);
            assertEquals(302, loggedIn.statusCode(), loggedIn.body());
            String fresh = sessionCookie(loggedIn);
            assertTrue(fresh.contains("Secure") && fresh.contains("HttpOnly") && fresh.toLowerCase(Locale.ROOT).contains("samesite=lax"), fresh);
            assertTrue(secure.get("/account/index.xhtml").body().contains("Personal tokens"), "logged in over HTTPS");
            HttpResponse<String> error = secure.get("/no-such-page.xhtml");
            assertEquals(404, error.statusCode());
            assertNoLeak("HTTPS 404", error);

            // the same server over plain HTTP: no Secure (the browser would not send it back), the rest alike
            HttpResponse<String> plain = new Portal(server.base()).get("/login.xhtml");
            String plainCookie = sessionCookie(plain);
            assertFalse(plainCookie.contains("Secure"), plainCookie);
            assertTrue(plainCookie.contains("HttpOnly") && plainCookie.toLowerCase(Locale.ROOT).contains("samesite=lax"), plainCookie);
            assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty(), "no HSTS over plain HTTP");
        }
    }

    /** The first TLS handshakes after a boot were seen to take longer than the client's connect timeout on a loaded machine. */
    static HttpResponse<String> firstAnswer(Portal portal, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                return portal.get(path);
            } catch (java.io.UncheckedIOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(1000);
            }
        }
    }

    static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + response.headers().map()));
    }

    /** Trusts whatever certificate the loopback server shows: its own self-signed one; used for localhost only. */
    static SSLContext trustLoopback() throws Exception {
        X509ExtendedTrustManager any = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {any}, null);
        return context;
    }

    // --- error responses -------------------------------------------------------------------------------

    /**
     * The malformed requests HostileIT's sweep does not make: wrong content types, JSON that is
     * broken, deep or of the wrong shape, unacceptable Accept headers, methods a route does not
     * have (API and pages), bad percent-encoding, odd view ids and ViewStates, and headers too
     * large for the server. Each is answered as a client error, never a 500, and no answer
     * names the server, an exception or a stack frame.
     */
    @Test
    void malformedRequestsAreAnsweredPlainly() throws Exception {
        User chair = newUser("chair");
        String slug = newGroup("errors", "Error Circle " + RUN, "", chair);
        long id = upload(chair, slug, "errors-" + RUN + ".txt", "Text.", Map.of());
        String token = chair.token();
        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        responses.put("xml to a JSON route", apiRaw("POST", "/groups/" + slug + "/announcements", token, "application/xml", "<a/>", Map.of()));
        responses.put("form to a JSON route", apiRaw("PUT", "/documents/" + id, token, "application/x-www-form-urlencoded", "title=x", Map.of()));
        responses.put("JSON to a multipart route", apiRaw("POST", "/groups/" + slug + "/documents", token, "application/json", "{}", Map.of()));
        responses.put("multipart without a boundary", apiRaw("POST", "/groups/" + slug + "/documents", token, "multipart/form-data", "--x--", Map.of()));
        responses.put("a content type that is no type", apiRaw("POST", "/groups/" + slug + "/announcements", token, "garbage/;;;==", "{}", Map.of()));
        responses.put("truncated JSON", apiRaw("PUT", "/documents/" + id, token, "application/json", "{\"title\": \"x", Map.of()));
        responses.put("JSON of the wrong shape", apiRaw("POST", "/groups/" + slug + "/announcements", token, "application/json",
                "[1, 2, {\"title\": []}]", Map.of()));
        responses.put("JSON with a wrong enum", apiRaw("POST", "/groups/" + slug + "/announcements", token, "application/json",
                "{\"title\":\"x\",\"body\":\"x\",\"audience\":\"EVERYONE\"}", Map.of()));
        responses.put("JSON with a wrong date", apiRaw("POST", "/groups/" + slug + "/announcements", token, "application/json",
                "{\"title\":\"x\",\"body\":\"x\",\"audience\":\"PUBLIC\",\"publishAt\":\"tomorrow\"}", Map.of()));
        responses.put("JSON nested 100,000 deep", apiRaw("PUT", "/documents/" + id, token, "application/json",
                "[".repeat(100_000) + "]".repeat(100_000), Map.of()));
        responses.put("JSON that is not UTF-8", visitor().exchange(HttpRequest.newBuilder(visitor().uri("/api/v1/documents/" + id))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray("{\"title\":\"\u00c3\u0028\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1)))));
        responses.put("empty JSON", apiRaw("PUT", "/groups/" + slug, token, "application/json", "", Map.of()));
        responses.put("Accept XML only", apiRaw("GET", "/groups/" + slug, token, null, null, Map.of("Accept", "application/xml")));
        responses.put("PATCH on the API", apiRaw("PATCH", "/groups/" + slug, token, "application/json", "{}", Map.of()));
        responses.put("PUT on search", apiRaw("PUT", "/search?q=x", token, "application/json", "{}", Map.of()));
        responses.put("DELETE on me", apiRaw("DELETE", "/accounts/me", token, null, null, Map.of()));
        responses.put("POST on a feed", apiRaw("POST", "/feeds/everything.atom", null, "text/plain", "x", Map.of()));
        responses.put("a bad id", apiRaw("GET", "/documents/1e99", token, null, null, Map.of()));
        responses.put("a negative page", apiRaw("GET", "/groups/" + slug + "/documents?page=-1&size=-5", token, null, null, Map.of()));
        responses.put("a huge page size", apiRaw("GET", "/groups/" + slug + "/documents?size=2147483647&page=2147483647", token, null, null, Map.of()));
        responses.put("overlong UTF-8 in the API path", apiRaw("GET", "/groups/%C0%AE%C0%AE", token, null, null, Map.of()));
        responses.put("a view id with more path", visitor().get("/groups/group.xhtml/extra"));
        responses.put("a view that does not exist", visitor().get("/groups/nothing.xhtml"));
        responses.put("a template as a view", visitor().get("/WEB-INF/templates/main.xhtml"));
        responses.put("an include as a view", visitor().get("/WEB-INF/includes/board.xhtml"));
        responses.put("a resource climbing out", visitor().get("/jakarta.faces.resource/..%2F..%2FWEB-INF%2Fweb.xml.xhtml"));
        responses.put("a resource library climbing out", visitor().get("/jakarta.faces.resource/web.xml.xhtml?ln=..%2F..%2FWEB-INF"));
        responses.put("an encoded dot-dot", visitor().get("/resources/%2e%2e/WEB-INF/web.xml"));
        responses.put("a session id in the path", visitor().get("/index.xhtml;jsessionid=ABCDEF"));
        responses.put("a NUL in the view id", visitor().get("/index.xhtml%00.html"));
        responses.put("a post to a missing view", formPost("/nothing-here.xhtml", "a=b&jakarta.faces.ViewState=garbage"));
        responses.put("a garbage ViewState", formPost("/index.xhtml", "logout=logout&logout:submit=x&jakarta.faces.ViewState=%00%ff garbage"));
        responses.put("a stateless ViewState", formPost("/index.xhtml", "logout=logout&logout:submit=x&jakarta.faces.ViewState=stateless"));
        responses.put("an AJAX post with a stateless ViewState", ajaxPost("/search.xhtml", "site-search=site-search&jakarta.faces.partial.ajax=true"
                + "&jakarta.faces.source=site-search:q&jakarta.faces.partial.execute=site-search:q&site-search:q_query=ab&jakarta.faces.ViewState=stateless"));
        // an upload request PrimeFaces' own script would never send (no file count): Faces' answer named the exception
        responses.put("an upload without its file count", pageUploadWithoutCount(chair.portal(), "/groups/group.xhtml?slug=" + slug));
        responses.put("a form that is not a form", visitor().exchange(HttpRequest.newBuilder(visitor().uri("/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("%%%&&&===%zz"))));
        responses.put("multipart to a page", visitor().exchange(HttpRequest.newBuilder(visitor().uri("/login.xhtml"))
                .header("Content-Type", "multipart/form-data; boundary=x").POST(HttpRequest.BodyPublishers.ofString("--x\r\nbroken"))));
        responses.put("JSON to a page", visitor().exchange(HttpRequest.newBuilder(visitor().uri("/login.xhtml"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"login:username\": 1"))));
        responses.put("DELETE on a download", visitor().exchange(HttpRequest.newBuilder(visitor().uri("/download/1")).DELETE()));
        responses.put("PUT on the search page", visitor().exchange(HttpRequest.newBuilder(visitor().uri("/search.xhtml"))
                .PUT(HttpRequest.BodyPublishers.ofString("x"))));
        responses.put("POST on a stylesheet", visitor().exchange(HttpRequest.newBuilder(visitor().uri("/resources/css/guildhall.css"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))));

        List<String> wrong = new ArrayList<>();
        Set<Integer> statuses = new TreeSet<>();
        for (var entry : responses.entrySet()) {
            HttpResponse<String> response = entry.getValue();
            statuses.add(response.statusCode());
            assertNoServerName(entry.getKey(), response);
            if (response.statusCode() >= 400 || response.body().contains("<error>")) {
                assertNoLeak(entry.getKey(), response);
            }
            // known, plain 500s: PrimeFaces' upload fails on its own missing count; the container's multipart parser on a broken body
            if (response.statusCode() >= 500
                    && !Set.of("an upload without its file count", "multipart to a page").contains(entry.getKey())) {
                wrong.add(entry.getKey() + ": " + response.statusCode());
            }
        }
        assertEquals(404, responses.get("a post to a missing view").statusCode(), "a postback to a view that does not exist is a plain 404, as a GET is");
        // what the container answers below the application: written by hand, as Java's client will not send them
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("a 100 KB header", "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(100_000) + "\r\n");
        raw.put("a 100 KB cookie", "GET / HTTP/1.1\r\nHost: localhost\r\nCookie: JSESSIONID=" + "b".repeat(100_000) + "\r\n");
        raw.put("2,000 headers", "GET / HTTP/1.1\r\nHost: localhost\r\n" + "X-H: 1\r\n".repeat(2000));
        raw.put("a header without a colon", "GET / HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n");
        raw.put("a control character in a header", "GET / HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\u0001b\r\n");
        raw.put("PATCH on a page", "PATCH /index.xhtml HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n");
        raw.put("bad percent-encoding in the API path", "GET /api/v1/groups/%E0%A4%A HTTP/1.1\r\nHost: localhost\r\n");
        raw.put("bad percent-encoding in a query", "GET /search.xhtml?q=%E0%A4%A HTTP/1.1\r\nHost: localhost\r\n");
        raw.put("bad percent-encoding in an API query", "GET /api/v1/search?q=%ZZ% HTTP/1.1\r\nHost: localhost\r\n");
        raw.put("a bad percent-encoding in the path", "GET /groups/%E0%A4%A.xhtml HTTP/1.1\r\nHost: localhost\r\n");
        raw.put("an overlong UTF-8 in the path", "GET /%C0%AE%C0%AE/WEB-INF/web.xml HTTP/1.1\r\nHost: localhost\r\n");
        raw.put("a raw non-ASCII byte in the path", "GET /\u00ff\u00fe.xhtml HTTP/1.1\r\nHost: localhost\r\n");
        raw.put("an unknown HTTP version", "GET / HTTP/9.9\r\nHost: localhost\r\n");
        raw.put("a negative content length", "POST /api/v1/groups HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n");
        raw.put("two content lengths", "POST /login.xhtml HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n");
        raw.put("a bad chunk", "POST /login.xhtml HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\nzz\r\nx");
        for (var entry : raw.entrySet()) {
            String answer = raw(entry.getValue());
            if (answer.length() < 12) {
                continue; // the connection closed without an answer: nothing shown
            }
            int status = Integer.parseInt(answer.substring(9, 12));
            statuses.add(status);
            if (status >= 400) {
                HostileIT.assertNoLeak(entry.getKey(), status, answer, "");
            }
            // below the application only what is shown counts: Grizzly answers a path with a truncated
            // escape (%E0%A4%A) with a 500 of its own, plain, before any filter of Guildhall's runs
            System.out.println("Container answered " + status + " to " + entry.getKey());
        }
        System.out.println("Statuses of the malformed requests: " + statuses);
        assertEquals(List.of(), wrong, "client mistakes answered as server errors");
        assertTrue(statuses.containsAll(Set.of(400, 404, 405, 415)), "the sweep met the usual errors: " + statuses);
    }

    HttpResponse<String> pageUploadWithoutCount(Portal portal, String path) {
        String page = portal.get(path).body();
        String boundary = "----count";
        StringBuilder body = new StringBuilder();
        Map<String, String> form = new LinkedHashMap<>(Map.of("group", "group", "jakarta.faces.ViewState", Portal.viewState(page),
                "jakarta.faces.partial.ajax", "true", "jakarta.faces.partial.execute", "group:sections:upload",
                "jakarta.faces.source", "group:sections:upload"));
        Portal.nonce(page).ifPresent(nonce -> form.put("primefaces.nonce", nonce));
        form.forEach((name, value) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                .append("\"\r\n\r\n").append(value).append("\r\n"));
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"group:sections:upload\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nx\r\n--").append(boundary).append("--\r\n");
        return portal.exchange(HttpRequest.newBuilder(visitor().uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Faces-Request", "partial/ajax").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    HttpResponse<String> apiRaw(String method, String path, String token, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(visitor().uri("/api/v1" + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return visitor().exchange(request);
    }

    HttpResponse<String> formPost(String path, String body) {
        return visitor().exchange(HttpRequest.newBuilder(visitor().uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> ajaxPost(String path, String body) {
        return visitor().exchange(HttpRequest.newBuilder(visitor().uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Faces-Request", "partial/ajax").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** One request written by hand (its head, ended here, and any body); answers what came back, up to 64 KB. */
    String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), deployed.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String whole = request.contains("\r\n\r\n") ? request : request + "Connection: close\r\n\r\n";
            try {
                out.write(whole.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before all of a huge head arrived
            }
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                return "";
            }
        }
    }

    static void assertNoServerName(String where, HttpResponse<String> response) {
        String server = response.headers().firstValue("Server").orElse("") + " " + response.headers().firstValue("X-Powered-By").orElse("");
        assertFalse(server.toLowerCase(Locale.ROOT).matches(".*(payara|glassfish|grizzly|jersey|servlet|\\d+\\.\\d+).*"), where + ": " + server);
    }

    static void assertNoLeak(String where, HttpResponse<String> response) {
        HostileIT.assertNoLeak(where, response.statusCode(), response.body(), response.headers().map().toString());
    }

    // --- state, read back through the API ------------------------------------------------------------

    /** Members of a group by user name, with their role (as an administrator sees them, requests included). */
    Map<String, String> members(String slug) throws IOException {
        HttpResponse<String> response = visitor().api("GET", "/groups/" + slug + "/members", token("admin"), null);
        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> members = new LinkedHashMap<>();
        JSON.readTree(response.body()).forEach(m -> members.put(m.get("username").asText(), m.get("role").asText()));
        return members;
    }

    List<String> boardTitles(String slug) throws IOException {
        HttpResponse<String> response = visitor().api("GET", "/groups/" + slug + "/announcements?archive=true", token("admin"), null);
        assertEquals(200, response.statusCode(), response.body());
        List<String> titles = new ArrayList<>();
        JSON.readTree(response.body()).forEach(a -> titles.add(a.get("title").asText()));
        HttpResponse<String> board = visitor().api("GET", "/groups/" + slug + "/announcements", token("admin"), null);
        JSON.readTree(board.body()).forEach(a -> titles.add(a.get("title").asText()));
        return titles;
    }

    List<String> documentTitles(String slug) throws IOException {
        HttpResponse<String> response = visitor().api("GET", "/groups/" + slug + "/documents?size=100", token("admin"), null);
        assertEquals(200, response.statusCode(), response.body());
        List<String> titles = new ArrayList<>();
        JSON.readTree(response.body()).get("documents").forEach(d -> titles.add(d.get("title").asText() + " " + d.get("current").get("fileName").asText()));
        return titles;
    }

    JsonNode document(long id, User reader) throws IOException {
        HttpResponse<String> response = visitor().api("GET", "/documents/" + id, reader.token(), null);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** JSON-B leaves null fields out: a document not in the trash has no deletedAt at all. */
    static boolean deleted(JsonNode document) {
        return !document.path("deletedAt").isMissingNode() && !document.path("deletedAt").isNull();
    }

    long upload(User uploader, String slug, String fileName, String text, Map<String, String> fields) throws IOException {
        HttpResponse<String> response = visitor().multipart("/groups/" + slug + "/documents", uploader.token(), fields,
                List.of(new Portal.Upload(fileName, text.getBytes(StandardCharsets.UTF_8))));
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get(0).get("document").get("id").asLong();
    }

    static String json(Map<String, ?> value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    /** The client id of the button with this label after the given text (the row of a member), without the form's prefix. */
    static String buttonLabelled(String html, String formId, String label, String after) {
        int row = html.indexOf(after);
        assertTrue(row >= 0, "no " + after + " on the page");
        Matcher button = Pattern.compile("<button id=\"" + formId + ":([^\"]+)\"[^>]*>(?:(?!</button>).)*?" + Pattern.quote(label), Pattern.DOTALL)
                .matcher(html);
        while (button.find()) {
            if (button.start() > row) {
                return button.group(1);
            }
        }
        throw new AssertionError("no " + label + " button after " + after);
    }
}
