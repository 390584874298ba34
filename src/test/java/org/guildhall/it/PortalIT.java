package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts, login, groups and memberships over HTTP against the deployed WAR, on the demo
 * content: admin; carol, hana, cody (committee of cataloguing, health-libraries,
 * career-development); mia (member of three); the MEMBERS group "board" (admin committee,
 * carol member). Tests that change memberships use accounts they sign up themselves.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalIT {

    static final String DEMO_PASSWORD = "guildhall-demo";
    static final String PASSWORD = "it-password-123";
    static final AtomicInteger SEQUENCE = new AtomicInteger();

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.guildhall();
    }

    Portal visitor() {
        return new Portal(Deployments.local(deployed));
    }

    /** A personal API token of a demo account, made on its account page once per run. */
    String token(String username) {
        return DemoTokens.of(Deployments.local(deployed), username);
    }

    /** A brand-new account (through the sign-up page), logged in, with an API token. */
    record NewUser(String username, Portal portal, String token) {
    }

    NewUser newUser(String prefix) {
        String username = prefix + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
        Portal portal = visitor();
        HttpResponse<String> signUp = portal.signUp(username, PASSWORD);
        assertEquals(302, signUp.statusCode(), "sign-up redirects to login: " + signUp.body());
        assertEquals(302, portal.login(username, PASSWORD).statusCode());
        return new NewUser(username, portal, portal.issueApiToken("it"));
    }

    // --- login ---------------------------------------------------------------------------

    @Test
    void loginWithRightPasswordStartsAFreshSessionAndShowsTheUsersGroups() {
        Portal mia = visitor();
        mia.get("/login.xhtml");
        String before = mia.sessionId().orElseThrow();

        HttpResponse<String> login = mia.login("mia", DEMO_PASSWORD);

        assertEquals(302, login.statusCode());
        assertNotEquals(before, mia.sessionId().orElseThrow(), "the session id changes at login");
        String home = mia.open("/").body();
        assertTrue(home.contains("Mia Member"), "the header names the user");
        assertTrue(home.contains("Health Libraries") && home.contains("Cataloguing &amp; Metadata"), "my groups are listed");
    }

    @Test
    void loginWithWrongPasswordSaysSoAndLogsNobodyIn() {
        Portal visitor = visitor();
        HttpResponse<String> login = visitor.login("mia", "not-the-password");
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("Wrong user name or password."));
        assertFalse(visitor.open("/").body().contains("Mia Member"));
        assertTrue(visitor.get("/account/index.xhtml").body().contains("id=\"login:username\""), "a protected page still asks to log in");
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSite() {
        HttpResponse<String> page = visitor().get("/login.xhtml");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        assertFalse(page.body().contains(";jsessionid="), "no session id in URLs");
    }

    @Test
    void repeatedFailuresLockTheAccountWithAClearMessage() {
        String username = newUser("locked").username();
        Portal attacker = visitor();
        for (int i = 0; i < 5; i++) {
            assertTrue(attacker.login(username, "wrong-" + i).body().contains("Wrong user name or password."));
        }
        HttpResponse<String> locked = attacker.login(username, PASSWORD);
        assertEquals(200, locked.statusCode(), "even the right password is refused while locked");
        assertTrue(locked.body().contains("Too many failed logins"), locked.body());
        assertEquals(200, visitor().login("mia", "wrong").statusCode(), "other accounts are not locked");
    }

    @Test
    void afterLoginTheUserReturnsOnlyToPagesOfGuildhall() {
        assertEquals(base("/groups/index.xhtml"), location(visitor().login("mia", DEMO_PASSWORD, "/groups/index.xhtml")));
        assertEquals(base("/"), location(visitor().login("mia", DEMO_PASSWORD, "https://evil.example/phish")));
        assertEquals(base("/"), location(visitor().login("mia", DEMO_PASSWORD, "//evil.example/phish")));
        assertEquals(base("/"), location(visitor().login("mia", DEMO_PASSWORD, "/\\evil.example")));
    }

    @Test
    void aProtectedPageSendsToLoginAndBackAfterwards() {
        Portal visitor = visitor();
        HttpResponse<String> account = visitor.get("/account/index.xhtml");
        assertTrue(account.body().contains("id=\"login:username\""), "the login form, in place of the page");
        assertFalse(account.body().contains("Personal tokens"));
        HttpResponse<String> login = visitor.post("/login.xhtml", "login", "submit",
                Map.of("username", "mia", "password", DEMO_PASSWORD, "next", hiddenNext(account.body())), account.body());
        assertTrue(location(login).endsWith("/account/index.xhtml"), location(login));
    }

    @Test
    void logoutIsAPostThatEndsTheSessionOnTheServer() {
        Portal mia = visitor();
        mia.login("mia", DEMO_PASSWORD);
        String oldSession = mia.sessionId().orElseThrow();
        HttpResponse<String> home = mia.get("/index.xhtml");
        HttpResponse<String> logout = mia.post("/index.xhtml", "logout", "submit", Map.of(), home.body());
        assertEquals(302, logout.statusCode());

        Portal replay = visitor();
        java.net.HttpCookie stolen = new java.net.HttpCookie("JSESSIONID", oldSession);
        stolen.setPath("/");
        stolen.setVersion(0);
        replay.cookies().getCookieStore().add(replay.base(), stolen);
        assertTrue(replay.get("/account/index.xhtml").body().contains("id=\"login:username\""), "the old session id no longer logs anyone in");
    }

    @Test
    void storedPasswordHashRecordsAtLeast600000Iterations() throws Exception {
        String hash = TestDatabase.single("select password_hash from gh_account where username = ?", "mia").orElseThrow();
        String[] parts = hash.split(":");
        assertEquals("PBKDF2WithHmacSHA256", parts[0]);
        assertTrue(Integer.parseInt(parts[1]) >= 600_000, hash.substring(0, 30));
        assertFalse(hash.contains(DEMO_PASSWORD));
    }

    // --- visibility ------------------------------------------------------------------------

    @Test
    void aMembersGroupIsExactlyLikeAMissingOneToOutsiders() {
        Portal anonymous = visitor();
        Portal mia = visitor();
        mia.login("mia", DEMO_PASSWORD);
        for (Portal outsider : new Portal[]{anonymous, mia}) {
            HttpResponse<String> board = outsider.get("/groups/group.xhtml?slug=board");
            HttpResponse<String> missing = outsider.get("/groups/group.xhtml?slug=no-such-group");
            assertEquals(404, board.statusCode());
            assertEquals(missing.statusCode(), board.statusCode());
            assertEquals(missing.body(), board.body());
            assertFalse(board.body().contains("Board of Trustees"));
            assertFalse(outsider.get("/groups/index.xhtml").body().contains("Board of Trustees"), "not in the directory either");
        }

        HttpResponse<String> apiBoard = anonymous.api("GET", "/groups/board", token("mia"), null);
        HttpResponse<String> apiMissing = anonymous.api("GET", "/groups/no-such-group", token("mia"), null);
        assertEquals(404, apiBoard.statusCode());
        assertEquals(apiMissing.body(), apiBoard.body());
        assertEquals(404, anonymous.api("GET", "/groups/board/members", token("mia"), null).statusCode());
        assertEquals(404, anonymous.api("GET", "/groups/board", null, null).statusCode());
        assertFalse(anonymous.api("GET", "/groups", token("mia"), null).body().contains("board"));

        Portal carol = visitor();
        carol.login("carol", DEMO_PASSWORD);
        assertEquals(200, carol.get("/groups/group.xhtml?slug=board").statusCode(), "a member sees it");
        assertEquals(200, anonymous.api("GET", "/groups/board", token("carol"), null).statusCode());
    }

    @Test
    void publicGroupsAreReadableByEveryone() {
        HttpResponse<String> page = visitor().get("/groups/group.xhtml?slug=cataloguing");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Cataloguing &amp; Metadata"));
        HttpResponse<String> api = visitor().api("GET", "/groups/cataloguing/members", null, null);
        assertEquals(200, api.statusCode());
        assertTrue(api.body().contains("\"username\":\"carol\"") && api.body().contains("\"role\":\"COMMITTEE\""), api.body());
    }

    @Test
    void aWrongTokenIsRefusedPlainly() {
        HttpResponse<String> response = visitor().api("GET", "/groups", "gha_not-a-real-token", null);
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("API token is missing, wrong or revoked"));
    }

    // --- joining ---------------------------------------------------------------------------

    @Test
    void openGroupJoinsAtOnce() {
        NewUser user = newUser("open");
        HttpResponse<String> join = user.portal().api("POST", "/groups/career-development/join", user.token(), null);
        assertEquals(200, join.statusCode(), join.body());
        assertTrue(join.body().contains("\"approved\":true"));
        assertTrue(user.portal().open("/").body().contains("Career Development"), "now on the home page");
        assertTrue(visitor().api("GET", "/groups/career-development/members", null, null).body().contains(user.username()));
    }

    @Test
    void requestGroupWaitsForTheCommitteeWhichApprovesOrDeclines() {
        NewUser asks = newUser("asks");
        NewUser declined = newUser("declined");
        String requested = asks.portal().api("POST", "/groups/health-libraries/join", asks.token(), null).body();
        assertTrue(requested.contains("\"approved\":false"), requested);
        declined.portal().api("POST", "/groups/health-libraries/join", declined.token(), null);

        String publicList = visitor().api("GET", "/groups/health-libraries/members", null, null).body();
        assertFalse(publicList.contains(asks.username()), "a request is not a membership");
        String committeeList = visitor().api("GET", "/groups/health-libraries/members", token("hana"), null).body();
        assertTrue(committeeList.contains(asks.username()) && committeeList.contains(declined.username()), "the committee sees requests");

        long askId = membershipId(committeeList, asks.username());
        long declinedId = membershipId(committeeList, declined.username());
        assertEquals(204, visitor().api("POST", "/groups/health-libraries/members/" + askId + "/approve", token("hana"), null).statusCode());
        assertEquals(204, visitor().api("DELETE", "/groups/health-libraries/members/" + declinedId, token("hana"), null).statusCode());

        String after = visitor().api("GET", "/groups/health-libraries/members", null, null).body();
        assertTrue(after.contains(asks.username()));
        assertFalse(visitor().api("GET", "/groups/health-libraries/members", token("hana"), null).body().contains(declined.username()));
    }

    @Test
    void committeeApprovesOnTheGroupPage() {
        NewUser asks = newUser("pageask");
        asks.portal().api("POST", "/groups/health-libraries/join", asks.token(), null);
        long id = membershipId(visitor().api("GET", "/groups/health-libraries/members", token("hana"), null).body(), asks.username());

        Portal hana = visitor();
        hana.login("hana", DEMO_PASSWORD);
        HttpResponse<String> page = hana.get("/groups/group.xhtml?slug=health-libraries");
        assertTrue(page.body().contains("Requests to join") && page.body().contains(asks.username()));
        String approveButton = buttonFor(page.body(), "approve", asks.username());
        HttpResponse<String> approved = hana.ajax("/groups/group.xhtml?slug=health-libraries", "group", approveButton, Map.of(), page.body());
        assertTrue(approved.body().contains("Request approved."), approved.body());
        assertTrue(visitor().api("GET", "/groups/health-libraries/members", null, null).body().contains(asks.username()));
        assertTrue(id > 0);
    }

    @Test
    void inviteOnlyGroupsTakeMembersFromTheirCommitteeOnly() {
        String slug = "invite-" + System.nanoTime() % 100000;
        HttpResponse<String> created = visitor().api("POST", "/groups", token("admin"),
                "{\"slug\":\"" + slug + "\",\"name\":\"Invitation Circle\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"INVITE\"}");
        assertEquals(201, created.statusCode(), created.body());

        NewUser outsider = newUser("invitee");
        HttpResponse<String> join = visitor().api("POST", "/groups/" + slug + "/join", outsider.token(), null);
        assertEquals(403, join.statusCode());
        assertTrue(join.body().contains("committee adds its members"));

        assertEquals(201, visitor().api("POST", "/groups/" + slug + "/members", token("admin"),
                "{\"username\":\"" + outsider.username() + "\",\"role\":\"MEMBER\"}").statusCode());
        assertTrue(visitor().api("GET", "/groups/" + slug + "/members", null, null).body().contains(outsider.username()));

        // the private board: once added by its committee, the new member can see it
        assertEquals(404, visitor().api("GET", "/groups/board", outsider.token(), null).statusCode());
        visitor().api("POST", "/groups/board/members", token("admin"), "{\"username\":\"" + outsider.username() + "\"}");
        assertEquals(200, visitor().api("GET", "/groups/board", outsider.token(), null).statusCode());
        // and removing them takes effect on the very next request
        long id = membershipId(visitor().api("GET", "/groups/board/members", token("admin"), null).body(), outsider.username());
        visitor().api("DELETE", "/groups/board/members/" + id, token("admin"), null);
        assertEquals(404, visitor().api("GET", "/groups/board", outsider.token(), null).statusCode());
        assertEquals(404, outsider.portal().get("/groups/group.xhtml?slug=board").statusCode());
    }

    @Test
    void aCommitteeMemberCannotManageAnotherGroup() {
        NewUser asks = newUser("other");
        asks.portal().api("POST", "/groups/health-libraries/join", asks.token(), null);
        long id = membershipId(visitor().api("GET", "/groups/health-libraries/members", token("hana"), null).body(), asks.username());

        String carol = token("carol");
        assertEquals(403, visitor().api("POST", "/groups/health-libraries/members/" + id + "/approve", carol, null).statusCode());
        assertEquals(403, visitor().api("DELETE", "/groups/health-libraries/members/" + id, carol, null).statusCode());
        assertEquals(403, visitor().api("POST", "/groups/health-libraries/members", carol, "{\"username\":\"carol\",\"role\":\"COMMITTEE\"}").statusCode());
        assertEquals(403, visitor().api("PUT", "/groups/health-libraries", carol,
                "{\"name\":\"Taken over\",\"visibility\":\"MEMBERS\",\"joinPolicy\":\"OPEN\"}").statusCode());
        // a membership id of another group, posted to carol's own group, is not found there
        assertEquals(400, visitor().api("POST", "/groups/cataloguing/members/" + id + "/approve", carol, null).statusCode());
        String members = visitor().api("GET", "/groups/health-libraries/members", token("hana"), null).body();
        assertTrue(members.contains("\"username\":\"" + asks.username() + "\"") && members.contains("\"approved\":false"), "nothing changed");
        assertTrue(visitor().api("GET", "/groups/health-libraries", null, null).body().contains("\"name\":\"Health Libraries\""));
    }

    // --- administration --------------------------------------------------------------------

    @Test
    void anOrdinaryMemberCannotReachAdministration() {
        Portal mia = visitor();
        mia.login("mia", DEMO_PASSWORD);
        HttpResponse<String> page = mia.get("/admin/accounts.xhtml");
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("You are not allowed to open this page"));
        assertEquals(403, mia.get("/admin/new-group.xhtml").statusCode());
        // a crafted post to the admin page, with a ViewState from a page mia may open
        String otherPage = mia.get("/index.xhtml").body();
        assertEquals(403, mia.post("/admin/accounts.xhtml", "accounts", "save",
                Map.of("username", "mallory", "password", "mallory-password", "admin_input", "on"), otherPage).statusCode());
        assertEquals(403, visitor().api("GET", "/accounts", token("mia"), null).statusCode());
        assertEquals(403, visitor().api("POST", "/groups", token("mia"),
                "{\"slug\":\"mias-group\",\"name\":\"Mine\"}").statusCode());
        assertEquals(404, visitor().api("GET", "/groups/mias-group", token("admin"), null).statusCode());
        assertFalse(visitor().api("GET", "/accounts", token("admin"), null).body().contains("mallory"));

        Portal admin = visitor();
        admin.login("admin", DEMO_PASSWORD);
        assertEquals(200, admin.get("/admin/accounts.xhtml").statusCode());
    }

    @Test
    void anAdministratorCreatesAndDisablesAccountsOnTheAdminPage() {
        Portal admin = visitor();
        admin.login("admin", DEMO_PASSWORD);
        String username = "made" + System.nanoTime() % 100000;
        HttpResponse<String> page = admin.get("/admin/accounts.xhtml");
        HttpResponse<String> saved = admin.ajax("/admin/accounts.xhtml", "accounts", "save",
                Map.of("username", username, "displayName", "Made By Admin", "email", "", "password", "made-password-1", "enabled_input", "on"),
                page.body());
        assertTrue(saved.body().contains("Account " + username + " created."), saved.body());
        assertEquals(302, visitor().login(username, "made-password-1").statusCode(), "the new account logs in");
    }

    @Test
    void aDisabledAccountsSessionEndsOnItsNextRequest() throws Exception {
        NewUser user = newUser("disabled");
        assertTrue(user.portal().get("/account/index.xhtml").body().contains("Personal tokens"));
        try (var connection = TestDatabase.connect();
             var disable = connection.prepareStatement("update gh_account set enabled = false where username = ?")) {
            disable.setString(1, user.username());
            assertEquals(1, disable.executeUpdate());
        }
        HttpResponse<String> next = user.portal().open("/account/index.xhtml");
        assertTrue(next.body().contains("id=\"login:username\""), "asked to log in again");
        assertFalse(next.body().contains("Personal tokens"));
        assertTrue(visitor().login(user.username(), PASSWORD).body().contains("Wrong user name or password."));
        assertEquals(401, visitor().api("GET", "/accounts/me", user.token(), null).statusCode(), "its API token stops too");
    }

    // --- search pages ------------------------------------------------------------------------

    @Test
    void everyPageHasTheLabelledSearchBoxInItsHeader() {
        for (String path : new String[]{"/", "/groups/index.xhtml", "/login.xhtml"}) {
            String page = visitor().get(path).body();
            int header = page.indexOf("<header");
            int input = page.indexOf("id=\"site-search:q_input\"");
            assertTrue(header >= 0 && input > header && input < page.indexOf("</header>"), path + ": the box is in the header");
            assertTrue(page.matches("(?s).*<label [^>]*for=\"site-search:q_input\"[^>]*>(?:<span[^>]*>)?\\s*Search.*"), path + ": labelled");
            assertTrue(page.contains("js/search-box.js"), path + ": Enter searches for what was typed");
        }
        // without JavaScript the box is a form whose button leads to the search page
        Portal visitor = visitor();
        String home = visitor.get("/").body();
        HttpResponse<String> submitted = visitor.post("/index.xhtml", "site-search", "go", Map.of("q_input", "annual report"), home);
        assertEquals(302, submitted.statusCode(), submitted.body());
        assertEquals(base("/search.xhtml?q=annual+report"), location(submitted));
        // …also from the search page itself, a postback that page's view action does not see
        String results = visitor.get("/search.xhtml?q=annual&type=html").body();
        HttpResponse<String> again = visitor.post("/search.xhtml", "site-search", "go", Map.of("q_input", "tag:minutes"), results);
        assertEquals(302, again.statusCode(), again.body());
        assertEquals(base("/search.xhtml?q=tag%3Aminutes"), location(again));
    }

    @Test
    void malformedQueriesAreAnsweredOnThePageNeverWithAnErrorPage() {
        for (String q : new String[]{"\"unclosed", "AND OR", "*foo", "((", "tag:", "-", "\u0000\uffff", "x ".repeat(1500)}) {
            HttpResponse<String> page = visitor().get("/search.xhtml?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
            String shown = q.length() > 20 ? q.substring(0, 20) + "…" : q;
            assertEquals(200, page.statusCode(), shown);
            assertTrue(page.body().contains("id=\"result-total\"") || page.body().contains("id=\"search-help\""), shown + ": an answer\n" + page.body());
            assertFalse(page.body().contains("id=\"search-unavailable\""), shown + ": no failure message");
            assertFalse(page.body().contains("Something went wrong") || page.body().contains("at org."), shown + ": no error page, no stack trace");
        }
        for (String query : new String[]{"q=minutes&page=abc", "q=minutes&page=-4", "q=minutes&page=99999999999", "q=minutes&sort=%3Cscript%3E",
                "type=&group=&year=%00", "q=minutes&year=not-a-year&author=%22"}) {
            HttpResponse<String> page = visitor().get("/search.xhtml?" + query);
            assertEquals(200, page.statusCode(), query);
            assertFalse(page.body().contains("<script>"), query);
            assertFalse(page.body().contains("id=\"search-unavailable\""), query + ": " + page.body());
        }
        // a 5,000-word paste into the header box: the address it leads to stays short enough for any server
        Portal paster = visitor();
        HttpResponse<String> pasted = paster.post("/index.xhtml", "site-search", "go", Map.of("q_input", "annual ".repeat(5000)),
                paster.get("/").body());
        assertEquals(302, pasted.statusCode());
        assertTrue(location(pasted).length() < 2000, location(pasted).length() + " characters");
        HttpResponse<String> answered = paster.open(location(pasted));
        assertEquals(200, answered.statusCode());
        assertTrue(answered.body().contains("id=\"result-total\""), answered.body());
        assertTrue(visitor().get("/search.xhtml?q=AND%20OR").body().contains("No words to search for in <q>AND OR</q>"), "says what it did");
        assertTrue(visitor().get("/search.xhtml?q=r%C3%A9union").body().contains("Showing results for <q>réunion</q>"), "UTF-8 in the address");
        String empty = visitor().get("/search.xhtml").body();
        assertTrue(empty.contains("id=\"search-help\""), "without a query the page explains the syntax");
    }

    @Test
    void theSearchIndexPageIsForAdministratorsOnly() {
        Portal mia = visitor();
        mia.login("mia", DEMO_PASSWORD);
        HttpResponse<String> accounts = mia.get("/admin/accounts.xhtml");
        HttpResponse<String> index = mia.get("/admin/search.xhtml");
        assertEquals(403, index.statusCode());
        assertEquals(accounts.body(), index.body(), "the same refusal as the other admin pages");
        String otherPage = mia.get("/index.xhtml").body();
        assertEquals(403, mia.post("/admin/search.xhtml", "index", "rebuild", Map.of(), otherPage).statusCode());
        String anonymous = visitor().get("/admin/search.xhtml").body();
        assertTrue(anonymous.contains("id=\"login:username\"") && !anonymous.contains("index-state"), "anonymous: asked to log in");

        Portal admin = visitor();
        admin.login("admin", DEMO_PASSWORD);
        assertTrue(admin.get("/admin/accounts.xhtml").body().contains("href=\"/admin/search.xhtml\""), "linked from the admin navigation");
        HttpResponse<String> page = admin.get("/admin/search.xhtml");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<dd id=\"index-state\">Ready</dd>") || page.body().contains("<dd id=\"index-state\">Rebuilding</dd>"), page.body());
        assertTrue(page.body().matches("(?s).*<dd id=\"index-entries\">\\d+</dd>.*"), "the number of entries");
        HttpResponse<String> checked = admin.ajax("/admin/search.xhtml", "index", "check", Map.of(), page.body());
        assertTrue(checked.body().contains("Check done") || checked.body().contains("could not run now"), checked.body());
        HttpResponse<String> rebuilt = admin.ajax("/admin/search.xhtml", "index", "rebuild", Map.of(), page.body());
        assertTrue(rebuilt.body().contains("Rebuild started") || rebuilt.body().contains("already running"), rebuilt.body());
        assertTrue(admin.get("/admin/search.xhtml").body().contains("started by admin on the admin page"), "the reason is shown");
    }

    // --- platform --------------------------------------------------------------------------

    @Test
    void everyResponseCarriesSecurityHeadersAndNoServerVersion() {
        for (String path : new String[]{"/", "/groups/index.xhtml", "/no-such-page.xhtml", "/api/v1/groups"}) {
            HttpResponse<String> response = visitor().get(path);
            assertTrue(String.join(" ", response.headers().allValues("Content-Security-Policy")).contains("frame-ancestors 'none'"), path);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertTrue(response.headers().firstValue("Referrer-Policy").isPresent(), path);
            assertFalse(response.headers().firstValue("Server").orElse("").toLowerCase().contains("payara"), path);
            assertTrue(response.headers().firstValue("X-Powered-By").isEmpty(), path);
        }
    }

    @Test
    void errorPagesSpeakPlainlyWithoutStackTraces() {
        HttpResponse<String> missing = visitor().get("/no-such-page.xhtml");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("There is nothing here."));
        HttpResponse<String> broken = visitor().get("/groups/group.xhtml?slug=%00%ff");
        assertTrue(broken.statusCode() == 404 || broken.statusCode() == 400, "status " + broken.statusCode());
        for (HttpResponse<String> r : java.util.List.of(missing, broken)) {
            // the same check HostileIT makes of every kind of error response
            HostileIT.assertNoLeak(r);
        }
    }

    @Test
    void healthIsReadyAndOpenApiDescribesTheApi() {
        HttpResponse<String> health = visitor().get("/health/ready");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"guildhall\"") && health.body().contains("UP"));
        HttpResponse<String> openapi = visitor().get("/openapi");
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/v1/groups/{slug}/members"), openapi.body().substring(0, Math.min(500, openapi.body().length())));
    }

    // --- helpers ---------------------------------------------------------------------------

    private String base(String path) {
        return visitor().uri(path).toString();
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }

    private static String hiddenNext(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"login:next\" value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&") : "";
    }

    static long membershipId(String membersJson, String username) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\{\"approved\":(?:true|false),\"displayName\":\"[^\"]*\",\"id\":(\\d+),\"role\":\"\\w+\",\"username\":\"" + java.util.regex.Pattern.quote(username) + "\"\\}")
                .matcher(membersJson);
        if (m.find()) {
            return Long.parseLong(m.group(1));
        }
        java.util.regex.Matcher any = java.util.regex.Pattern.compile("\\{[^{}]*\"username\":\"" + java.util.regex.Pattern.quote(username) + "\"[^{}]*\\}").matcher(membersJson);
        if (any.find()) {
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(any.group());
            if (id.find()) {
                return Long.parseLong(id.group(1));
            }
        }
        throw new AssertionError(username + " not in " + membersJson);
    }

    /** The client id (without the form prefix) of the button with that style class in the table row that names the user. */
    static String buttonFor(String html, String styleClass, String username) {
        int row = html.indexOf(username);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<button id=\"group:([^\"]+)\"[^>]*class=\"[^\"]*" + styleClass).matcher(html);
        while (m.find()) {
            if (m.start() > row) {
                return m.group(1);
            }
        }
        throw new AssertionError("No " + styleClass + " button after " + username);
    }
}
