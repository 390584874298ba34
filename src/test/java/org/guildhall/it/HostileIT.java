package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.guildhall.extraction.control.HostileFiles;
import org.guildhall.it.Portal.Upload;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hostile world over HTTP, against the deployed WAR: generated hostile files through the real
 * upload and extraction, forms posted with foreign, tampered or replayed ViewStates or without
 * the CSP nonce, and every kind of error response checked for what it must not show. Parser-level
 * detail of the same files: {@code HostileExtractionTest}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = DemoTokens.PASSWORD;
    /** A stack frame, an exception or a server product and version: none may reach a client. */
    static final Pattern LEAK = Pattern.compile(
            "\\bat (?:org|java|jakarta|com|sun|fish)\\.[\\w.$]+\\(|\\b(?:java|javax|jakarta|org|com|sun|fish)\\.[\\w.$]*(?:Exception|Error)\\b"
            + "|Exception:|Payara|GlassFish|Grizzly|\\bJersey\\b|\\bWeld\\b|EclipseLink|\\b7\\.2025\\b");

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.guildhall();
    }

    Portal visitor() {
        return new Portal(Deployments.local(deployed));
    }

    String token(String username) {
        return DemoTokens.of(Deployments.local(deployed), username);
    }

    // --- hostile files ---------------------------------------------------------------------------

    @Test
    void hostileFilesEndInTruthfulStatesAndCostTheServerNothing() throws Exception {
        List<String> baitRequests = new CopyOnWriteArrayList<>();
        HttpServer bait = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bait.createContext("/", exchange -> {
            baitRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = "LEAKED-BY-XXE".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bait.start();
        try {
            String url = "http://127.0.0.1:" + bait.getAddress().getPort() + "/xxe";
            JsonNode before = serverLoad();

            // what each may end as: FAILED with a reason, or DONE with the text up to the limits
            Map<String, Set<String>> expected = new LinkedHashMap<>();
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("bomb.docx", HostileFiles.docxBomb(2));
            expected.put("bomb.docx", Set.of("FAILED"));
            files.put("nested.zip", HostileFiles.nestedZips(4, 8));
            // on a busy machine a file can run out of time before it reaches a limit: also truthful
            expected.put("nested.zip", Set.of("DONE", "FAILED", "TIMEOUT"));
            files.put("laughs.docx", HostileFiles.docxBillionLaughs());
            expected.put("laughs.docx", Set.of("FAILED"));
            files.put("xxe.docx", HostileFiles.docxXxe(url));
            expected.put("xxe.docx", Set.of("FAILED"));
            files.put("xfa.pdf", HostileFiles.pdfXfaXxe(url));
            expected.put("xfa.pdf", Set.of("DONE"));
            files.put("pages.pdf", HostileFiles.manyPagePdf(10_000));
            expected.put("pages.pdf", Set.of("DONE", "TIMEOUT"));
            files.put("flood.png", HostileFiles.pixelFlood(100_000, 100_000));
            expected.put("flood.png", Set.of("EMPTY", "FAILED"));
            files.put("polyglot.pdf", HostileFiles.pdfZipHtmlPolyglot("Polyglot committee paper"));
            expected.put("polyglot.pdf", Set.of("DONE"));
            files.put("polyglot.gif", HostileFiles.gifScriptPolyglot());
            expected.put("polyglot.gif", Set.of("EMPTY", "FAILED"));

            Map<String, Long> ids = new LinkedHashMap<>();
            for (var file : files.entrySet()) {
                // one request each: a refusal of one must not hide what happened to the others
                HttpResponse<String> response = visitor().multipart("/groups/health-libraries/documents", token("hana"),
                        Map.of("tags", "hostile"), List.of(new Upload(file.getKey(), file.getValue())));
                assertEquals(201, response.statusCode(), file.getKey() + ": " + response.body());
                ids.put(file.getKey(), JSON.readTree(response.body()).get(0).get("document").get("id").asLong());
            }

            Map<String, JsonNode> finished = awaitTerminal(ids, Duration.ofMinutes(3));
            List<String> wrong = new ArrayList<>();
            for (var entry : finished.entrySet()) {
                JsonNode current = entry.getValue().get("current");
                String state = current.get("state").asText();
                String reason = current.path("reason").asText("");
                if (!expected.get(entry.getKey()).contains(state) || (!state.equals("DONE") && reason.isBlank())) {
                    wrong.add(entry.getKey() + " ended " + state + " (" + reason + ")");
                }
                String text = visitor().api("GET", "/documents/" + ids.get(entry.getKey()) + "/text", token("hana"), null).body();
                assertFalse(text.contains(HostileFiles.PASSWD_LINE), entry.getKey() + " reached /etc/passwd");
                assertFalse(text.contains("LEAKED-BY-XXE"), entry.getKey() + " fetched the bait");
                assertTrue(text.length() < 6_000_000, entry.getKey() + ": " + text.length() + " characters of text");
            }
            assertEquals(List.of(), wrong);
            assertEquals(List.of(), baitRequests, "extraction made no network request");
            assertTrue(text(ids.get("xfa.pdf")).contains("Membership form with XFA"), "the XFA PDF's own text is kept");
            assertTrue(finished.get("laughs.docx").get("current").get("reason").asText().contains("document type declaration"),
                    finished.get("laughs.docx").toString());
            assertEquals("application/pdf", finished.get("polyglot.pdf").get("current").get("mediaType").asText(), "typed by its first bytes");
            assertFalse(text(ids.get("polyglot.pdf")).contains("alert("), "the zip inside the PDF is not read as its text");

            // the polyglot is only ever downloaded, as the PDF it starts as
            Portal hana = visitor();
            hana.login("hana", PASSWORD);
            HttpResponse<byte[]> download = hana.bytes("/download/" + finished.get("polyglot.pdf").get("current").get("id").asLong(), Map.of());
            assertEquals(200, download.statusCode());
            assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
            assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertTrue(download.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf"));

            // the next ordinary document extracts normally
            HttpResponse<String> normal = visitor().multipart("/groups/health-libraries/documents", token("hana"), Map.of(),
                    List.of(new Upload("after-the-storm.docx", HostileFiles.plainDocx("Ordinary minutes after the storm"))));
            assertEquals(201, normal.statusCode(), normal.body());
            long normalId = JSON.readTree(normal.body()).get(0).get("document").get("id").asLong();
            JsonNode done = awaitTerminal(Map.of("normal", normalId), Duration.ofMinutes(1)).get("normal").get("current");
            assertEquals("DONE", done.get("state").asText(), done.toString());
            assertTrue(text(normalId).contains("Ordinary minutes after the storm"));

            JsonNode after = serverLoad();
            System.out.println("Server load before the hostile files: " + before + "; after: " + after);
            assertTrue(after.get("heapAfterLastGcMb").asLong() < after.get("heapMaxMb").asLong() * 3 / 4,
                    "live heap stays well under the cap: " + after);
            assertTrue(after.get("threads").asInt() <= before.get("threads").asInt() + 40, "threads: " + before + " -> " + after);
            assertTrue(after.get("childProcesses").asLong() <= 2, "no more extraction processes than configured: " + after);
        } finally {
            bait.stop(0);
        }
    }

    @Test
    void anSvgIsRefusedAtTheDoorAndLeavesNothing() throws Exception {
        long rows = DocumentsIT.versionRows();
        HttpResponse<String> response = visitor().multipart("/groups/health-libraries/documents", token("hana"), Map.of(),
                List.of(new Upload("laughs.svg", HostileFiles.svgBillionLaughs())));
        assertEquals(400, response.statusCode(), response.body());
        JsonNode result = JSON.readTree(response.body()).get(0);
        assertFalse(result.get("stored").asBoolean());
        assertFalse(result.get("message").asText().isBlank());
        assertEquals(rows, DocumentsIT.versionRows(), "no row");
        assertEquals(0, DocumentsIT.stagedFiles(), "no temporary file");
        assertNoLeak(response);
    }

    // --- refused postbacks -------------------------------------------------------------------------

    @Test
    void aFormWithAnotherPagesCspNonceIsRefusedBeforeAnythingRuns() {
        Portal admin = loggedIn("admin");
        String page = admin.get("/admin/new-group.xhtml").body();
        String otherNonce = Portal.nonce(loggedIn("admin").get("/admin/new-group.xhtml").body()).orElseThrow();
        String slug = "wrong-nonce-" + System.nanoTime() % 100_000;
        // this session's ViewState with another page's nonce: the action redirects, so PrimeFaces
        // itself (which checks only when it renders) would let it through
        String withOtherNonce = page.replaceAll("PrimeFaces\\.csp\\.init\\('[^']*'\\)", "PrimeFaces.csp.init('" + otherNonce + "')");

        HttpResponse<String> response = admin.post("/admin/new-group.xhtml", "new-group", "submit", newGroup(slug), withOtherNonce);

        assertEquals(403, response.statusCode(), response.body());
        assertRefusedPlainly(response, "Form not accepted");
        assertGroupMissing(slug);

        // the same as an AJAX request
        HttpResponse<String> ajax = admin.ajax("/admin/new-group.xhtml", "new-group", "submit", newGroup(slug), withOtherNonce);
        assertEquals(403, ajax.statusCode(), ajax.body());
        assertRefusedPlainly(ajax, "Form not accepted");
        assertGroupMissing(slug);
    }

    @Test
    void aFormWithoutANonceThatWouldRenderIsRefusedPlainly() {
        Portal admin = loggedIn("admin");
        String page = admin.get("/admin/new-group.xhtml").body();
        String withoutNonce = page.replaceAll("PrimeFaces\\.csp\\.init\\('[^']*'\\)", "");
        // no name: the page would be shown again with a message, which is when PrimeFaces checks the nonce
        Map<String, String> fields = new LinkedHashMap<>(newGroup("no-nonce-" + System.nanoTime() % 100_000));
        fields.put("name", "");

        HttpResponse<String> response = admin.post("/admin/new-group.xhtml", "new-group", "submit", fields, withoutNonce);

        assertEquals(403, response.statusCode(), response.body());
        assertRefusedPlainly(response, "Form not accepted");
        assertGroupMissing(fields.get("slug"));
    }

    @Test
    void foreignTamperedAndReplayedViewStatesAreRefusedAndChangeNothing() {
        Portal admin = loggedIn("admin");
        Portal other = loggedIn("admin");
        String slug = "foreign-" + System.nanoTime() % 100_000;

        // another session's page, with its ViewState and its nonce
        String foreignPage = other.get("/admin/new-group.xhtml").body();
        HttpResponse<String> foreign = admin.post("/admin/new-group.xhtml", "new-group", "submit", newGroup(slug), foreignPage);
        assertEquals(400, foreign.statusCode(), foreign.body());
        assertRefusedPlainly(foreign, "This page has expired");

        // this session's page with its ViewState altered
        String page = admin.get("/admin/new-group.xhtml").body();
        String viewState = Portal.viewState(page);
        String tampered = page.replace(viewState, viewState.substring(0, viewState.length() - 4) + "AAAA");
        HttpResponse<String> altered = admin.post("/admin/new-group.xhtml", "new-group", "submit", newGroup(slug), tampered);
        assertEquals(400, altered.statusCode(), altered.body());
        assertRefusedPlainly(altered, "This page has expired");

        // a page of a session that has ended, replayed after logging in again
        String oldPage = other.get("/admin/new-group.xhtml").body();
        String home = other.get("/index.xhtml").body();
        assertEquals(302, other.post("/index.xhtml", "logout", "submit", Map.of(), home).statusCode());
        assertEquals(302, other.login("admin", PASSWORD).statusCode());
        HttpResponse<String> replayed = other.post("/admin/new-group.xhtml", "new-group", "submit", newGroup(slug), oldPage);
        assertEquals(400, replayed.statusCode(), replayed.body());
        assertRefusedPlainly(replayed, "This page has expired");

        assertGroupMissing(slug);
        // and the same form, sent properly, works: the refusals were about the forms, not the data
        HttpResponse<String> proper = admin.post("/admin/new-group.xhtml", "new-group", "submit", newGroup(slug),
                admin.get("/admin/new-group.xhtml").body());
        assertTrue(proper.statusCode() == 302 || proper.statusCode() == 200, proper.statusCode() + ": " + proper.body());
        assertEquals(200, visitor().api("GET", "/groups/" + slug, token("admin"), null).statusCode(), "created when sent properly");
    }

    // --- error responses ----------------------------------------------------------------------------

    @Test
    void noErrorResponseShowsAStackTraceAnExceptionOrTheServer() throws Exception {
        Portal mia = loggedIn("mia");
        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        responses.put("missing page", visitor().get("/no-such-page.xhtml"));
        responses.put("missing file", visitor().get("/no-such-file.html"));
        responses.put("missing resource", visitor().get("/jakarta.faces.resource/nothing.js.xhtml?ln=../../WEB-INF"));
        responses.put("WEB-INF", visitor().get("/WEB-INF/web.xml"));
        responses.put("admin page for a member", mia.get("/admin/accounts.xhtml"));
        responses.put("bad parameter", visitor().get("/groups/group.xhtml?slug=%00%ff"));
        responses.put("bad document id", visitor().get("/documents/document.xhtml?id=not-a-number"));
        responses.put("bad download id", visitor().get("/download/not-a-number"));
        responses.put("api missing", visitor().api("GET", "/no-such-resource", null, null));
        responses.put("api bad id", visitor().api("GET", "/documents/not-a-number", token("mia"), null));
        responses.put("api wrong method", visitor().api("DELETE", "/search", token("mia"), null));
        responses.put("api broken json", visitor().api("POST", "/groups", token("admin"), "{\"slug\": [unclosed"));
        responses.put("api wrong json types", visitor().api("POST", "/groups", token("admin"), "{\"slug\": {\"a\": 1}, \"visibility\": \"NOPE\"}"));
        responses.put("api forbidden", visitor().api("GET", "/accounts", token("mia"), null));
        responses.put("api without token", visitor().api("GET", "/admin/server-load", null, null));
        responses.put("api bad multipart", visitor().api("POST", "/groups/health-libraries/documents", token("hana"), "not multipart"));
        responses.put("form garbage", mia.post("/account/index.xhtml", "tokens", "issue", Map.of(), "no view state here"));
        String foreignPage = loggedIn("mia").get("/account/index.xhtml").body();
        responses.put("ajax with a foreign view state", mia.ajax("/account/index.xhtml", "tokens", "issue",
                Map.of("token-name", "x", "token-scope_input", "API"), foreignPage));

        Set<Integer> statuses = new java.util.TreeSet<>();
        for (var entry : responses.entrySet()) {
            HttpResponse<String> response = entry.getValue();
            statuses.add(response.statusCode());
            // an ordinary page names exception types in PrimeFaces' settings (web.xml's error pages): not a leak
            boolean ajaxError = response.body().contains("<partial-response") && response.body().contains("<error>");
            if (response.statusCode() >= 400 || ajaxError) {
                assertNoLeak(entry.getKey(), response.statusCode(), response.body(), response.headers().map().toString());
            }
        }
        assertEquals(400, responses.get("ajax with a foreign view state").statusCode(), "refused as the plain page");
        // what the container itself answers, below the application
        for (String raw : new String[] {"GET /%zz HTTP/1.1", "TRACE / HTTP/1.1", "GET /" + "a".repeat(20_000) + " HTTP/1.1",
            "BREW /index.xhtml HTTP/1.1",
            "PUT /index.xhtml HTTP/1.1", "DELETE /groups/index.xhtml HTTP/1.1", "OPTIONS /download/1 HTTP/1.1"}) {
            String response = raw(raw);
            int status = Integer.parseInt(response.substring(9, 12));
            statuses.add(status);
            if (status >= 400) {
                assertNoLeak(raw.substring(0, Math.min(30, raw.length())), status, response, "");
            }
        }
        System.out.println("Statuses checked: " + statuses);
        assertTrue(statuses.containsAll(Set.of(400, 401, 403, 404, 405)), "the sweep met the usual errors: " + statuses);
    }

    // --- helpers ----------------------------------------------------------------------------------

    Portal loggedIn(String username) {
        Portal portal = visitor();
        assertEquals(302, portal.login(username, PASSWORD).statusCode());
        return portal;
    }

    static Map<String, String> newGroup(String slug) {
        return Map.of("name", "Made by " + slug, "slug", slug, "description", "", "visibility", "PUBLIC", "policy", "OPEN", "committee", "");
    }

    void assertGroupMissing(String slug) {
        assertEquals(404, visitor().api("GET", "/groups/" + slug, token("admin"), null).statusCode(), slug + " was not created");
    }

    static void assertRefusedPlainly(HttpResponse<String> response, String heading) {
        assertTrue(response.body().contains("<h1>" + heading + "</h1>"), response.body());
        assertTrue(response.body().contains("Nothing was changed."), response.body());
        assertNoLeak(response);
    }

    static void assertNoLeak(HttpResponse<String> response) {
        assertNoLeak(response.uri().toString(), response.statusCode(), response.body(), response.headers().map().toString());
    }

    static void assertNoLeak(String what, int status, String body, String headers) {
        var leak = LEAK.matcher(body);
        assertFalse(leak.find(), () -> what + " (" + status + ") shows '" + leak.group() + "': " + body);
        var headerLeak = LEAK.matcher(headers);
        assertFalse(headerLeak.find(), () -> what + " (" + status + ") header shows '" + headerLeak.group() + "': " + headers);
    }

    /** One request written by hand, for what Java's HTTP client refuses to send; answers the head and some of the body. */
    String raw(String requestLine) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), deployed.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(64 * 1024);
            return new String(answer, StandardCharsets.ISO_8859_1);
        }
    }

    JsonNode serverLoad() throws IOException {
        HttpResponse<String> response = visitor().api("GET", "/admin/server-load", token("admin"), null);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    String text(long id) throws IOException {
        HttpResponse<String> response = visitor().api("GET", "/documents/" + id + "/text", token("hana"), null);
        assertEquals(200, response.statusCode(), response.body());
        StringBuilder text = new StringBuilder();
        JSON.readTree(response.body()).get("parts").forEach(p -> text.append(p.get("text").asText()).append('\n'));
        return text.toString();
    }

    /** Polls until each document's newest version is terminal, the server answering health checks throughout. */
    Map<String, JsonNode> awaitTerminal(Map<String, Long> ids, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, JsonNode> finished = new LinkedHashMap<>();
        while (finished.size() < ids.size()) {
            for (var entry : ids.entrySet()) {
                if (!finished.containsKey(entry.getKey())) {
                    JsonNode document = JSON.readTree(visitor().api("GET", "/documents/" + entry.getValue(), token("hana"), null).body());
                    if (!Set.of("PENDING", "RUNNING").contains(document.get("current").get("state").asText())) {
                        finished.put(entry.getKey(), document);
                    }
                }
            }
            assertEquals(200, visitor().get("/health/ready").statusCode(), "the server stays healthy while extracting");
            if (System.nanoTime() > deadline) {
                List<String> waiting = new ArrayList<>(ids.keySet());
                waiting.removeAll(finished.keySet());
                throw new AssertionError("Not terminal within " + limit + ": " + waiting);
            }
            Thread.sleep(500);
        }
        return finished;
    }
}
