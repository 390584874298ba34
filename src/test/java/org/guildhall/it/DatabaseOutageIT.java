package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while Guildhall runs, and comes back: a real Payara (started as
 * scripts/run starts it) talks to its database through {@link DatabaseProxy}, which the test cuts
 * and restores. On PostgreSQL the proxy sits in front of the shared server of the test run
 * (stopping that server would break every other test using it). On H2 the embedded file cannot
 * be taken away while the engine in Payara holds it open (and yanking a file from under H2 tests
 * H2's file handling, not Guildhall), so the test serves the data folder's database from an H2
 * TCP server in this JVM and points Guildhall at it through the same proxy: to Guildhall the
 * outage then looks exactly like a database host going away, on either database.
 */
class DatabaseOutageIT {

    static final Path DATA = Path.of(System.getProperty("it.data", "target/it-data") + "-outage").toAbsolutePath();
    static final String DB_URL = System.getProperty("it.db.url", "embedded");
    static final boolean POSTGRES = DB_URL.startsWith("jdbc:postgresql:");
    static final Pattern STACK_TRACE = Pattern.compile("Exception|\\bat (org|java|jakarta|com)\\.|Payara|GlassFish|Caused by");
    static final Set<String> TERMINAL = Set.of("DONE", "FAILED", "ENCRYPTED", "EMPTY", "TIMEOUT");
    /** Generous for a busy 2-core machine; the refusals take well under a second. */
    static final Duration REFUSED_WITHIN = Duration.ofSeconds(5);

    private String directUrl;

    /**
     * One story on one server (each boot costs half a minute or more): documents stored, the
     * database cut in the middle of an upload's transaction, a full outage during which every kind
     * of request is answered plainly and nothing private leaks, then the database back and
     * everything working again without a restart.
     */
    @Test
    void databaseOutageIsAnsweredPlainlyLeaksNothingLeavesNothingHalfStoredAndHealsWithoutRestart() throws Exception {
        RestartIT.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        Server h2 = null;
        DatabaseProxy proxy;
        String guildhallUrl;
        if (POSTGRES) {
            String ownUrl = TestDatabase.postgresUrl(DATA);
            URI target = URI.create(ownUrl.substring("jdbc:".length()));
            proxy = new DatabaseProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
            // unnamed statements only: after five uses a statement is prepared once per connection and
            // its SQL never crosses the wire again, so the proxy could not see the insert it cuts at
            guildhallUrl = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath()
                    + "?" + (target.getRawQuery() == null ? "" : target.getRawQuery() + "&") + "prepareThreshold=0";
            directUrl = ownUrl;
        } else {
            int h2Port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                h2Port = free.getLocalPort();
            }
            h2 = Server.createTcpServer("-tcpPort", String.valueOf(h2Port), "-ifNotExists").start();
            proxy = new DatabaseProxy("127.0.0.1", h2.getPort());
            String file = DATA.resolve("db").resolve("guildhall").toString();
            guildhallUrl = "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/" + file;
            directUrl = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/" + file;
        }
        try (proxy; PayaraProcess server = PayaraProcess.start(DATA, "-Dguildhall.db.url=" + guildhallUrl)) {
            story(server, proxy);
        } finally {
            if (h2 != null) {
                h2.stop();
            }
        }
    }

    private void story(PayaraProcess server, DatabaseProxy proxy) throws Exception {
        URI base = server.base();
        String secret = word();
        String slug = "vault-" + secret.substring("quokka".length());
        List<Long> acknowledged = new ArrayList<>();

        // --- before: a private group with two documents, found by its member only --------------
        Portal admin = new Portal(base);
        assertEquals(302, admin.login("admin", DemoTokens.PASSWORD).statusCode());
        String adminToken = admin.issueApiToken("outage");
        String noahToken = DemoTokens.of(base, "noah");
        assertEquals(201, admin.api("POST", "/groups", adminToken,
                "{\"slug\":\"" + slug + "\",\"name\":\"Outage Vault\",\"visibility\":\"MEMBERS\",\"joinPolicy\":\"INVITE\"}").statusCode());
        acknowledged.add(storedId(upload(admin, adminToken, slug, "vault-minutes.txt", "Minutes of the vault: the " + secret + " ledger.")));
        acknowledged.add(storedId(upload(admin, adminToken, slug, "vault-audit.txt", "Audit of the " + secret + " accounts, private.")));
        assertEquals(2, admin.awaitSearchTotal(secret, adminToken, 2, Duration.ofMinutes(2)).get("total").asLong(), "the member finds both");
        assertEquals(0, admin.search(secret, noahToken).get("total").asLong(), "a non-member finds neither (control)");
        Portal carol = new Portal(base);
        assertEquals(302, carol.login("carol", DemoTokens.PASSWORD).statusCode());
        assertEquals(200, carol.get("/").statusCode(), "a logged-in page (control)");
        HttpResponse<String> pageUpload = pageUpload(admin, slug, new Portal.Upload("page-before.txt", ("Uploaded on the page " + secret).getBytes(StandardCharsets.UTF_8)));
        assertTrue(pageUpload.body().contains("page-before.txt") && pageUpload.body().contains(">stored<"),
                "the page's upload stores a file (control for the same post during the outage): " + pageUpload.body());
        long versionId = firstVersion(admin, adminToken, acknowledged.get(0));
        // the page a member has open when the database goes away: its upload is posted during the outage
        String groupPageBefore = admin.get(groupPage(slug)).body();

        Map<Portal, String> miaLoginPages = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            Portal mia = new Portal(base);
            HttpResponse<String> loginPage = mia.get("/login.xhtml");
            assertEquals(200, loginPage.statusCode());
            miaLoginPages.put(mia, loginPage.body());
        }

        // --- the database goes away in the middle of an upload's transaction ------------------
        byte[] halfWritten = ("Half-written " + word() + " never to be stored.").getBytes(StandardCharsets.UTF_8);
        String halfSha = sha256(halfWritten);
        // three files in one request share one transaction: cut while the second is being recorded (its
        // name is among the values sent), the first, whose rows were sent already, is not stored either
        byte[] secondOfThree = ("Second of three " + word()).getBytes(StandardCharsets.UTF_8);
        byte[] thirdOfThree = ("Third of three " + word()).getBytes(StandardCharsets.UTF_8);
        proxy.cutWhenSent("half-second.txt");
        HttpResponse<String> cutUpload = admin.multipart("/groups/" + slug + "/documents", adminToken, Map.of(), List.of(
                new Portal.Upload("half-written.txt", halfWritten), new Portal.Upload("half-second.txt", secondOfThree),
                new Portal.Upload("half-third.txt", thirdOfThree)));
        long cutAt = System.nanoTime();
        long logAtCut = Files.size(PayaraProcess.log(DATA));
        assertTrue(proxy.tripped(), "the database went away exactly when the second file was being recorded");
        assertUnavailable(cutUpload, "the upload cut mid-transaction");
        assertFalse(Files.exists(blob(halfSha)), "the blob moved in by the failed transaction was taken out again");
        assertFalse(Files.exists(blob(sha256(secondOfThree))) || Files.exists(blob(sha256(thirdOfThree))),
                "nor are the other files of that request stored");
        assertNoStagedUploads();

        // --- during the outage: plain refusals, nothing private, nothing stored -------------
        assertUnavailable(promptly("a REST upload", () -> upload(admin, adminToken, slug, "during.txt", "Sent during the outage".getBytes(StandardCharsets.UTF_8))),
                "a REST upload");
        HttpResponse<String> noahSearch = promptly("a non-member's search", () -> admin.api("GET", "/search?q=" + secret, noahToken, null));
        assertUnavailable(noahSearch, "a non-member's search");
        assertFalse(noahSearch.body().contains("vault-"), "no private hit for the non-member: " + noahSearch.body());
        HttpResponse<String> anonymousSearch = promptly("an anonymous search", () -> admin.api("GET", "/search?q=" + secret, null, null));
        assertUnavailable(anonymousSearch, "an anonymous search (the readable groups cannot be computed: no fallback to unfiltered)");
        assertFalse(anonymousSearch.body().contains("vault-"), anonymousSearch.body());
        assertUnavailable(promptly("the member's search", () -> admin.api("GET", "/search?q=" + secret, adminToken, null)), "the member's search");
        HttpResponse<String> suggest = promptly("a suggestion", () -> admin.api("GET", "/search/suggest?q=" + secret.substring(0, 5), null, null));
        assertNotEquals(200, suggest.statusCode(), "suggestions fail closed: " + suggest.body());
        assertFalse(suggest.body().toLowerCase().contains(secret), suggest.body());

        Portal visitor = new Portal(base);
        assertUnavailablePage(promptly("the home page", () -> visitor.get("/")), "the home page for a visitor");
        assertUnavailablePage(promptly("the member's home page", () -> carol.get("/")), "the home page for a logged-in member");
        assertUnavailablePage(promptly("a group page", () -> carol.get("/groups/group.xhtml?slug=cataloguing")), "a group page");
        HttpResponse<String> searchPage = promptly("the search page", () -> visitor.get("/search.xhtml?q=" + secret));
        assertFalse(searchPage.body().contains("vault-") || searchPage.body().contains("Minutes of the vault"), "the search page leaks nothing");
        assertUnavailablePage(searchPage, "the search page");
        assertEquals(503, promptly("a download", () -> admin.bytes("/download/" + versionId, Map.of())).statusCode(), "a download");
        // as many logins as lock an account (max-failures, 5), from login pages opened before the cut:
        // none may count, or an outage would lock its users out (checked by mia's login afterwards)
        for (Map.Entry<Portal, String> page : miaLoginPages.entrySet()) {
            HttpResponse<String> login = promptly("a login", () -> page.getKey().post("/login.xhtml", "login", "submit",
                    Map.of("username", "mia", "password", DemoTokens.PASSWORD), page.getValue()));
            assertNotEquals(302, login.statusCode(), "nobody is logged in while accounts cannot be read");
            assertFalse(login.body().contains("Wrong user name or password"), "a login during the outage is not called a wrong password");
            assertUnavailablePage(login, "a login");
        }
        HttpResponse<String> pageDuring = promptly("the page's upload", () -> pageUpload(admin, slug, groupPageBefore,
                new Portal.Upload("page-during.txt", "Page upload during the outage".getBytes(StandardCharsets.UTF_8))));
        assertFalse(pageDuring.body().contains(">stored<"), "the page's upload is not reported stored: " + pageDuring.body());
        assertTrue(pageDuring.statusCode() == 503 || pageDuring.body().contains("nothing was kept"),
                "the page's upload says plainly that nothing was kept: " + pageDuring.statusCode() + " " + pageDuring.body());
        assertFalse(STACK_TRACE.matcher(pageDuring.body()).find(), pageDuring.body());

        // readiness says so for as long as it lasts; meanwhile the extraction and index polls fail quietly
        long outageSeconds = 20;
        while (System.nanoTime() - cutAt < TimeUnit.SECONDS.toNanos(outageSeconds)) {
            HttpResponse<String> ready = visitor.get("/health/ready");
            assertEquals(503, ready.statusCode(), "not ready while the database is away: " + ready.body());
            // MicroProfile Health gives the value as a string
            assertTrue(ready.body().matches("(?s).*\"databaseReachable\"\\s*:\\s*\"false\".*"), ready.body());
            Thread.sleep(1000);
        }
        assertTrue(server.process().isAlive(), "the server kept running");
        String outageLog = logSince(logAtCut);
        long queueWarnings = Pattern.compile("Could not read the extraction queue").matcher(outageLog).results().count();
        assertTrue(queueWarnings <= 2, "the extraction poll backs off and warns once, not every second: " + queueWarnings + " warnings in "
                + outageSeconds + " s");
        long pollWarnings = Pattern.compile("Search index poll failed").matcher(outageLog).results().count();
        assertTrue(pollWarnings <= 1, "the search index poll warns once, not every few seconds: " + pollWarnings + " warnings in "
                + outageSeconds + " s");

        // --- the database returns: everything works again, without a restart ---------------
        proxy.restore();
        long pid = server.process().pid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        int readyStatus;
        do {
            readyStatus = visitor.get("/health/ready").statusCode();
            if (readyStatus != 200) {
                assertTrue(System.nanoTime() < deadline, "ready again within 90 s of the database's return");
                Thread.sleep(250);
            }
        } while (readyStatus != 200);
        assertEquals(pid, server.process().pid());
        assertTrue(server.process().isAlive(), "the same server, never restarted");

        assertEquals(302, new Portal(base).login("mia", DemoTokens.PASSWORD).statusCode(),
                "login works again, and the five logins during the outage did not lock mia's account");
        assertEquals(200, carol.get("/").statusCode(), "the member's session survived the outage");
        assertEquals(200, visitor.get("/groups/index.xhtml").statusCode(), "pages work again");
        acknowledged.add(storedId(upload(admin, adminToken, slug, "after.txt", "After the outage the " + secret + " vault reopened.")));
        acknowledged.add(storedId(upload(admin, adminToken, slug, "half-written.txt", halfWritten)));
        assertTrue(Files.exists(blob(halfSha)), "the same bytes, sent again, are stored");
        HttpResponse<String> pageAfter = pageUpload(admin, slug, new Portal.Upload("page-after.txt", ("Page upload after " + secret).getBytes(StandardCharsets.UTF_8)));
        assertTrue(pageAfter.body().contains(">stored<"), "the page's upload works again: " + pageAfter.body());
        assertEquals(5, admin.awaitSearchTotal(secret, adminToken, 5, Duration.ofMinutes(2)).get("total").asLong(),
                "extraction and indexing run again: the two from before, the page's two and the new one");
        assertEquals(0, admin.search(secret, noahToken).get("total").asLong(), "still nothing for the non-member");
        assertTrue(logSince(logAtCut).contains("The extraction queue can be read again"), "the extraction poll noticed the return");

        // everything acknowledged is there and final; nothing half-stored; database and index agree
        for (long id : acknowledged) {
            awaitTerminal(admin, adminToken, id);
        }
        try (Connection db = database()) {
            for (String sha : blobs()) {
                assertTrue(count(db, "select count(*) from gh_document_version where blob_sha256 = ?", sha) > 0, "blob " + sha + " has a row");
            }
            Set<String> rows = strings(db, "select v.blob_sha256 from gh_document_version v join gh_document d on d.id = v.document_id"
                    + " join gh_group g on g.id = d.group_id where g.slug = ?", slug);
            assertTrue(blobs().containsAll(rows), "every version has its blob");
            assertEquals(1, count(db, "select count(*) from gh_document_version where blob_sha256 = ?", halfSha),
                    "the bytes cut mid-transaction are stored once: by the upload after the outage");
            assertEquals(0, count(db, "select count(*) from gh_document_version v join gh_document d on d.id = v.document_id"
                    + " join gh_group g on g.id = d.group_id where g.slug = ? and v.file_name in ('during.txt', 'page-during.txt',"
                    + " 'half-second.txt', 'half-third.txt')", slug),
                    "nothing sent during the outage, nor with the upload cut by it, was stored");
        }
        assertNoStagedUploads();
        RestartIT.awaitIndexReady(admin, adminToken);
        HttpResponse<String> check = admin.api("POST", "/admin/search/check", adminToken, null);
        assertEquals(200, check.statusCode(), check.body());
        assertEquals("database and index agree", DocumentsIT.JSON.readTree(check.body()).get("lastCheckResult").asText(), check.body());
    }

    /**
     * A request during the outage, answered at once rather than after retries: with EclipseLink's
     * default (an immediate retry, then two more five seconds apart) each took about ten seconds.
     */
    static <T> T promptly(String what, Callable<T> request) throws Exception {
        long start = System.nanoTime();
        T answer = request.call();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < REFUSED_WITHIN.toMillis(), what + " during the outage is refused within " + REFUSED_WITHIN.toSeconds()
                + " s, not kept waiting: it took " + millis + " ms");
        return answer;
    }

    /** 503 with the plain message, no trace of the server's insides. */
    static void assertUnavailable(HttpResponse<String> response, String what) {
        assertEquals(503, response.statusCode(), what + ": " + response.body());
        assertTrue(response.body().contains("temporarily unavailable"), what + " says so plainly: " + response.body());
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), what + " tells clients when to retry");
        assertFalse(STACK_TRACE.matcher(response.body()).find(), what + " shows no stack trace: " + response.body());
    }

    static void assertUnavailablePage(HttpResponse<String> response, String what) {
        assertEquals(503, response.statusCode(), what + ": " + response.body());
        assertTrue(response.body().contains("Guildhall is temporarily unavailable"), what + " shows the plain page: " + response.body());
        assertFalse(STACK_TRACE.matcher(response.body()).find(), what + " shows no stack trace: " + response.body());
    }

    static HttpResponse<String> upload(Portal portal, String token, String slug, String name, String text) {
        return upload(portal, token, slug, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> upload(Portal portal, String token, String slug, String name, byte[] content) {
        return portal.multipart("/groups/" + slug + "/documents", token, Map.of(), List.of(new Portal.Upload(name, content)));
    }

    static long storedId(HttpResponse<String> response) throws Exception {
        assertEquals(201, response.statusCode(), response.body());
        return DocumentsIT.JSON.readTree(response.body()).get(0).get("document").get("id").asLong();
    }

    static long firstVersion(Portal portal, String token, long documentId) throws Exception {
        return DocumentsIT.JSON.readTree(portal.api("GET", "/documents/" + documentId, token, null).body()).get("current").get("id").asLong();
    }

    /**
     * The group page's upload as PrimeFaces posts it (an AJAX multipart request with the page's
     * ViewState and nonce), with this visitor's session.
     */
    static HttpResponse<String> pageUpload(Portal portal, String slug, Portal.Upload file) {
        return pageUpload(portal, slug, portal.get(groupPage(slug)).body(), file);
    }

    /** @param html the group page as this visitor loaded it */
    static HttpResponse<String> pageUpload(Portal portal, String slug, String html, Portal.Upload file) {
        String component = "group:sections:upload";
        assertTrue(html.contains("id=\"" + component + "\""), "the group page has its upload");
        return portal.ajaxUpload(groupPage(slug), "group", component,
                Map.of("jakarta.faces.partial.render", "group:sections:upload-results messages"), file, html);
    }

    static String groupPage(String slug) {
        return "/groups/group.xhtml?slug=" + URLEncoder.encode(slug, StandardCharsets.UTF_8);
    }

    static void awaitTerminal(Portal portal, String token, long id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (true) {
            HttpResponse<String> document = portal.api("GET", "/documents/" + id, token, null);
            assertEquals(200, document.statusCode(), "acknowledged document " + id + " is still there: " + document.body());
            String state = DocumentsIT.JSON.readTree(document.body()).get("current").get("state").asText();
            if (TERMINAL.contains(state)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "document " + id + " still " + state);
            Thread.sleep(500);
        }
    }

    static Path blob(String sha) {
        return DATA.resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
    }

    static Set<String> blobs() throws Exception {
        try (var files = Files.walk(DATA.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    static void assertNoStagedUploads() throws Exception {
        Path staging = DATA.resolve("tmp/uploads");
        if (Files.isDirectory(staging)) {
            try (var staged = Files.list(staging)) {
                assertEquals(List.of(), staged.toList(), "no temporary upload left behind");
            }
        }
    }

    /** The database itself, not through the proxy. */
    Connection database() throws Exception {
        return POSTGRES ? DriverManager.getConnection(directUrl, System.getProperty("it.db.user", ""), System.getProperty("it.db.password", ""))
                : DriverManager.getConnection(directUrl, "sa", "");
    }

    static long count(Connection db, String sql, Object... parameters) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Set<String> strings(Connection db, String sql, Object... parameters) throws Exception {
        Set<String> values = new HashSet<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    static String logSince(long offset) throws Exception {
        byte[] all = Files.readAllBytes(PayaraProcess.log(DATA));
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset), StandardCharsets.UTF_8);
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** A word no other test uses, so hit counts are exact. */
    static String word() {
        Random random = new Random();
        StringBuilder word = new StringBuilder("quokka");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
