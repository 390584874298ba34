package org.guildhall.it;

import static org.guildhall.it.AccessIT.Who.ADMIN;
import static org.guildhall.it.AccessIT.Who.ANONYMOUS;
import static org.guildhall.it.AccessIT.Who.COMMITTEE;
import static org.guildhall.it.AccessIT.Who.MEMBER;
import static org.guildhall.it.AccessIT.Who.OUTSIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.guildhall.it.Portal.Upload;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Access control over HTTP, on accounts and groups of its own (so the demo content other test
 * classes rely on stays as it is): an outsider, a member and a committee member (plus the demo
 * administrator), a MEMBERS-only group "priv" and a PUBLIC group "pub", with documents (two
 * versions, one in the trash), announcements of every audience (one scheduled, one to
 * acknowledge, one edited) and a site-wide one for signed-in members.
 * <p>
 * The first half is a table: every route that takes an id or a slug, answered to those who may
 * not see the thing exactly as for an id that does not exist, and answered properly to one who
 * may (the control, without which a broken route would pass). The second half is privilege
 * escalation by crafted requests: REST calls and Faces postbacks a browser would never send.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "access-it-password";
    /** Letters only, so that a word built from it is one search token everywhere. */
    static final String RUN = letters(System.currentTimeMillis());
    static final String MISSING_ID = "1999999999";

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.guildhall();
    }

    // --- 1. the access-control matrix -----------------------------------------------------------

    /**
     * Each route, with the id of something its outsiders may not see and with an id that does not
     * exist: the same status, content type and body (once the id itself is taken out, and the
     * per-request ViewState and CSP nonce); then the same route for one who may see it, which
     * must work. Every difference is collected, so one run shows every leaking route.
     */
    @Test
    void everyRouteAnswersOutsidersExactlyAsForAnIdThatDoesNotExist() {
        World w = world();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Route route : routes(w)) {
            Secret secret = route.secret();
            Answer absent = null;
            for (Who outsider : route.outsiders()) {
                Answer hidden = w.perform(route.call(), outsider, secret.value());
                absent = w.perform(route.call(), outsider, secret.missing());
                checked++;
                String where = route.label() + " as " + outsider;
                if (hidden.status() != absent.status()) {
                    failures.add(where + ": status " + hidden.status() + " for the hidden one, " + absent.status() + " for a missing one");
                } else if (!hidden.type().equals(absent.type())) {
                    failures.add(where + ": content type " + hidden.type() + " / " + absent.type());
                } else if (!hidden.shape(secret).equals(absent.shape(secret))) {
                    failures.add(where + ": bodies differ\n  hidden:  " + clip(hidden.shape(secret)) + "\n  missing: " + clip(absent.shape(secret)));
                }
                if (secret.marker() != null && hidden.body().contains(secret.marker())) {
                    failures.add(where + ": shows '" + secret.marker() + "'");
                }
            }
            Answer control = w.perform(route.call(), route.reader(), secret.value());
            String where = route.label() + " as " + route.reader() + " (control)";
            if (control.status() != route.readerStatus()) {
                failures.add(where + ": status " + control.status() + ", expected " + route.readerStatus() + ": " + clip(control.body()));
            } else if (route.readerSees() != null && !control.body().contains(route.readerSees())) {
                failures.add(where + ": does not show '" + route.readerSees() + "': " + clip(control.body()));
            } else if (route.call().via() != Via.ROW_SELECTION && absent != null && absent.status() == control.status()
                    && absent.shape(secret).equals(control.shape(secret))) {
                // (a row selection answers alike for any key by design: its control is that the table was rendered at all)
                failures.add(where + ": answers exactly like a missing id, so the check above proves nothing");
            }
        }
        System.out.println("Access matrix: " + routes(w).size() + " routes, " + checked + " outsider checks");
        assertTrue(failures.isEmpty(), failures.size() + " of the access checks failed:\n" + String.join("\n", failures));
    }

    /**
     * The table: one line per route. {@code {}} stands for the id or slug; API paths are below
     * /api/v1. Routes that change something use a spare document or announcement, or a control
     * that changes nothing (a refusal only a real, readable thing can give).
     */
    List<Route> routes(World w) {
        Secret group = w.secrets.get("private group");
        Secret doc = w.secrets.get("private document");
        Secret spare = w.secrets.get("spare private document");
        Secret v1 = w.secrets.get("old version of the private document");
        Secret v2 = w.secrets.get("current version of the private document");
        Secret trashed = w.secrets.get("trashed document");
        Secret ann = w.secrets.get("announcement of the private group");
        Secret spareAnn = w.secrets.get("spare announcement of the private group");
        Secret members = w.secrets.get("members' announcement of the public group");
        Secret committee = w.secrets.get("committee's announcement of the public group");
        Secret scheduled = w.secrets.get("scheduled announcement");
        Secret site = w.secrets.get("site-wide announcement for signed-in members");
        Secret word = w.secrets.get("word only in the private group");
        Secret tag = w.secrets.get("tag only in the private group");
        Secret prefix = w.secrets.get("title prefix only in the private group");
        String settings = "{\"name\":\"" + w.privName + "\",\"visibility\":\"MEMBERS\",\"joinPolicy\":\"INVITE\"}";
        String annEdit = AnnouncementsIT.json(Map.of("title", w.privAnnTitle, "body", "<p>Inside news " + RUN + ".</p>", "audience", "PUBLIC",
                "pinned", true, "requiresAcknowledgement", true));
        return List.of(
                // Faces pages with view parameters
                page("group page", group, "/groups/group.xhtml?slug={}"),
                page("document page", doc, "/documents/document.xhtml?id={}"),
                page("document page, in the trash", trashed, "/documents/document.xhtml?id={}"),
                page("announcement page", ann, "/announcements/announcement.xhtml?id={}"),
                page("announcement page, members' audience", members, "/announcements/announcement.xhtml?id={}"),
                page("announcement page with the acknowledgement view", committee, "/announcements/announcement.xhtml?id={}")
                        .sees("ack-counts"),
                page("announcement page, scheduled", scheduled, "/announcements/announcement.xhtml?id={}"),
                page("announcement page, site-wide", site, "/announcements/announcement.xhtml?id={}"),
                page("search page, group filter", group, "/search.xhtml?q=" + word.value() + "&group={}").sees(w.privDocTitle),
                page("search page, query", word, "/search.xhtml?q={}").sees(w.privDocTitle),
                page("search page, tag filter", tag, "/search.xhtml?q=" + word.value() + "&tag={}").sees(w.privDocTitle),
                // downloads
                page("download, current version", v2, "/download/{}").sees("version two"),
                page("download, older version", v1, "/download/{}").sees("version one"),
                // REST: groups
                api("group", group, "GET", "/groups/{}"),
                api("group members", group, "GET", "/groups/{}/members").sees(w.actor(MEMBER).username()),
                api("group settings", group, "PUT", "/groups/{}", settings).by(COMMITTEE, 200),
                api("add a member", group, "POST", "/groups/{}/members", "{\"username\":\"admin\",\"role\":\"MEMBER\"}").by(COMMITTEE, 201).sees(null),
                api("join", group, "POST", "/groups/{}/join").sees("\"approved\":true"),
                api("leave", group, "DELETE", "/groups/{}/join").by(COMMITTEE, 400).sees("at least one committee member"),
                api("approve", group, "POST", "/groups/{}/members/" + w.memberMembership + "/approve").by(COMMITTEE, 204).sees(null),
                api("change a role", group, "PUT", "/groups/{}/members/" + w.memberMembership, "{\"role\":\"MEMBER\"}").by(COMMITTEE, 204).sees(null),
                api("remove a member", group, "DELETE", "/groups/{}/members/" + w.committeeMembership).by(COMMITTEE, 400)
                        .sees("at least one committee member"),
                // REST: documents
                api("group documents", group, "GET", "/groups/{}/documents").sees(w.privDocTitle),
                upload("upload to the group", group, "/groups/{}/documents").by(COMMITTEE, 201).sees("\"stored\":true"),
                api("document", doc, "GET", "/documents/{}"),
                api("document content", doc, "GET", "/documents/{}/content").accept("*/*").sees("version two"),
                api("document version 1", doc, "GET", "/documents/{}/versions/1/content").accept("*/*").sees("version one"),
                api("document version 2", doc, "GET", "/documents/{}/versions/2/content").accept("*/*").sees("version two"),
                api("document text", doc, "GET", "/documents/{}/text").sees(word.value()),
                api("document text, in the trash", trashed, "GET", "/documents/{}/text").sees("\"parts\""),
                api("document, in the trash", trashed, "GET", "/documents/{}"),
                api("edit a document", doc, "PUT", "/documents/{}", "{\"title\":\"" + w.privDocTitle + "\"}").by(COMMITTEE, 200),
                upload("new version", spare, "/documents/{}/versions").by(COMMITTEE, 201).sees("\"stored\":true"),
                api("retry extraction", spare, "POST", "/documents/{}/retry").by(COMMITTEE, 200),
                api("delete a document", spare, "DELETE", "/documents/{}").by(COMMITTEE, 204).sees(null),
                api("restore a document", spare, "POST", "/documents/{}/restore").by(COMMITTEE, 200),
                api("purge a document", spare, "POST", "/documents/{}/purge").by(COMMITTEE, 400).sees("trash first"),
                api("restore, in the trash", trashed, "POST", "/documents/{}/restore").by(COMMITTEE, 200).sees(null),
                // REST: announcements
                api("announcements of the group", group, "GET", "/groups/{}/announcements").sees(w.privAnnTitle),
                api("post to the group", group, "POST", "/groups/{}/announcements", "{\"title\":\"Control post " + RUN + "\"}")
                        .by(COMMITTEE, 201).sees(null),
                api("announcement", ann, "GET", "/announcements/{}"),
                api("announcement, members' audience", members, "GET", "/announcements/{}"),
                api("announcement, committee's audience", committee, "GET", "/announcements/{}"),
                api("announcement, scheduled", scheduled, "GET", "/announcements/{}"),
                api("announcement, site-wide", site, "GET", "/announcements/{}"),
                api("edit an announcement", ann, "PUT", "/announcements/{}", annEdit).by(COMMITTEE, 200),
                api("acknowledge", ann, "POST", "/announcements/{}/acknowledge").sees("\"acknowledged\":true"),
                api("acknowledge, committee's audience", committee, "POST", "/announcements/{}/acknowledge").sees("\"acknowledged\":true"),
                api("dismiss", ann, "POST", "/announcements/{}/dismiss").sees("\"dismissed\":true"),
                api("acknowledgements", ann, "GET", "/announcements/{}/acknowledgements").by(COMMITTEE, 200).sees(w.actor(MEMBER).username()),
                api("acknowledgements as CSV", ann, "GET", "/announcements/{}/acknowledgements.csv").accept("text/csv").by(COMMITTEE, 200)
                        .sees("name,username,acknowledged"),
                api("acknowledgements, committee's audience", committee, "GET", "/announcements/{}/acknowledgements").by(COMMITTEE, 200),
                api("revisions", ann, "GET", "/announcements/{}/revisions").by(COMMITTEE, 200).sees(w.privAnnFirstTitle),
                api("delete an announcement", spareAnn, "DELETE", "/announcements/{}").by(COMMITTEE, 204).sees(null),
                // feeds, with the reader's own feed token (none for the anonymous visitor)
                feed("group board, Atom", group, "/api/v1/feeds/groups/{}/announcements.atom").sees(w.privAnnTitle),
                feed("group board, RSS", group, "/api/v1/feeds/groups/{}/announcements.rss").sees(w.privAnnTitle),
                feed("group documents, Atom", group, "/api/v1/feeds/groups/{}/documents.atom").sees(w.privDocTitle),
                feed("group documents, RSS", group, "/api/v1/feeds/groups/{}/documents.rss").sees(w.privDocTitle),
                // search: the group filter, a word, a tag facet, and autocomplete
                api("search, group filter", group, "GET", "/search?q=" + word.value() + "&group={}").sees(w.privDocTitle),
                api("search, word (hits and facets)", word, "GET", "/search?q={}").sees("\"value\":\"" + w.privSlug + "\""),
                api("search, tag filter", tag, "GET", "/search?q=" + word.value() + "&tag={}").sees(w.privDocTitle),
                api("autocomplete", prefix, "GET", "/search/suggest?q={}").sees(w.privDocTitle),
                headerBox("autocomplete of the header's search box", prefix).sees(w.privDocTitle),
                // PrimeFaces AJAX row selection on the public group's document table, with a private document's row key
                rowSelection("row selection on the group page", doc).sees(w.pubDocTitle));
    }

    // --- 2. privilege escalation by crafted requests ----------------------------------------------

    @Test
    void aMemberCannotPostAnnouncementsByApiOrByACraftedPostback() throws Exception {
        World w = world();
        String byApi = "Member post by API " + RUN;
        assertEquals(403, w.api(MEMBER, "POST", "/groups/" + w.pubSlug + "/announcements", annJson(byApi)).statusCode());
        assertEquals(403, w.api(COMMITTEE, "POST", "/announcements", annJson(byApi)).statusCode(), "site-wide: administrators only");

        // the member's page has no form; its post button, sent anyway, does nothing
        String byPage = "Member post by postback " + RUN;
        Portal member = w.actor(MEMBER).session();
        String page = member.get(w.pubPage()).body();
        assertFalse(page.contains("group:sections:ann-post"), "no form for a member");
        member.ajax(w.pubPage(), "group", "sections:ann-post", annFields("sections:", byPage), page);
        // the site board's form, sent by a committee member who is no administrator
        Portal committee = w.actor(COMMITTEE).session();
        String board = committee.get("/announcements/index.xhtml").body();
        committee.ajax("/announcements/index.xhtml", "site", "ann-post", annFields("", byPage + " site"), board);
        assertEquals(0, announcementsTitled(byApi) + announcementsTitled(byPage) + announcementsTitled(byPage + " site"), "nothing was posted");

        // control: the same requests from those allowed post
        String allowed = "Committee post by postback " + RUN;
        String committeePage = committee.get(w.pubPage()).body();
        HttpResponse<String> posted = committee.ajax(w.pubPage(), "group", "sections:ann-post", annFields("sections:", allowed), committeePage);
        assertTrue(posted.body().contains("Posted."), posted.body());
        Portal admin = w.actor(ADMIN).session();
        HttpResponse<String> sitePosted = admin.ajax("/announcements/index.xhtml", "site", "ann-post", annFields("", allowed + " site"),
                admin.get("/announcements/index.xhtml").body());
        assertTrue(sitePosted.body().contains("Posted."), sitePosted.body());
        assertEquals(2, announcementsTitled(allowed) + announcementsTitled(allowed + " site"));
    }

    @Test
    void uploadsGoOnlyWhereTheGroupsRulesAllow() throws Exception {
        World w = world();
        String pub = "/groups/" + w.pubSlug + "/documents";
        Upload note = new Upload("crafted-" + RUN + ".txt", ("Crafted upload " + RUN).getBytes(StandardCharsets.UTF_8));
        long before = documentsIn(w.pubSlug);

        // REST: anonymous, an outsider, and a member while only the committee may upload
        assertEquals(403, w.visitor().multipart(pub, null, Map.of(), List.of(note)).statusCode());
        assertEquals(403, w.visitor().multipart(pub, w.actor(OUTSIDER).apiToken(), Map.of(), List.of(note)).statusCode());
        HttpResponse<String> member = w.visitor().multipart(pub, w.actor(MEMBER).apiToken(), Map.of(), List.of(note));
        assertEquals(403, member.statusCode());
        assertTrue(member.body().contains("Only this group's committee can upload"), member.body());
        assertEquals(403, w.visitor().multipart("/documents/" + w.pubDoc + "/versions", w.actor(MEMBER).apiToken(), Map.of(), List.of(note))
                .statusCode(), "nor a new version of the committee's document");
        // pages: the upload widget is not there for them; its request, sent anyway, stores nothing
        for (Who who : List.of(OUTSIDER, MEMBER)) {
            Portal session = w.actor(who).session();
            String page = session.get(w.pubPage()).body();
            assertFalse(page.contains("document-upload"), who + ": no upload on the page");
            session.ajaxUpload(w.pubPage(), "group", "group:sections:upload", Map.of(), note, page);
        }
        assertEquals(before, documentsIn(w.pubSlug), "nothing stored");

        // control: the committee's upload through the same page request is stored
        Portal committee = w.actor(COMMITTEE).session();
        HttpResponse<String> stored = committee.ajaxUpload(w.pubPage(), "group", "group:sections:upload", Map.of(),
                new Upload("committee-" + RUN + ".txt", ("Committee upload " + RUN).getBytes(StandardCharsets.UTF_8)), committee.get(w.pubPage()).body());
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals(before + 1, documentsIn(w.pubSlug), "the committee's page upload is stored: " + stored.body());

        // once the committee lets members upload, the member may, and may change only their own documents
        String open = "{\"name\":\"" + w.pubName + "\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"OPEN\",\"membersMayUpload\":true}";
        String closed = open.replace("true}", "false}");
        assertEquals(200, w.api(COMMITTEE, "PUT", "/groups/" + w.pubSlug, open).statusCode());
        try {
            HttpResponse<String> own = w.visitor().multipart(pub, w.actor(MEMBER).apiToken(), Map.of(), List.of(note));
            assertEquals(201, own.statusCode(), own.body());
            long ownId = JSON.readTree(own.body()).get(0).get("document").get("id").asLong();
            assertEquals(200, w.api(MEMBER, "PUT", "/documents/" + ownId, "{\"title\":\"Mine " + RUN + "\"}").statusCode());
            assertEquals(403, w.api(MEMBER, "PUT", "/documents/" + w.pubDoc, "{\"title\":\"Taken " + RUN + "\"}").statusCode());
            assertEquals(403, w.api(MEMBER, "DELETE", "/documents/" + w.pubDoc, null).statusCode());
            assertEquals(403, w.visitor().multipart(pub, w.actor(OUTSIDER).apiToken(), Map.of(), List.of(note)).statusCode(),
                    "members, not everybody");
        } finally {
            assertEquals(200, w.api(COMMITTEE, "PUT", "/groups/" + w.pubSlug, closed).statusCode());
        }
        assertEquals(403, w.visitor().multipart(pub, w.actor(MEMBER).apiToken(), Map.of(), List.of(note)).statusCode(), "closed again at once");
        assertEquals(w.pubDocTitle, w.json(COMMITTEE, "/documents/" + w.pubDoc).get("title").asText(), "the committee's document unchanged");
    }

    @Test
    void onlyTheCommitteeChangesRolesWhateverTheRequestSays() throws Exception {
        World w = world();
        Actor joiner = w.newAccount("joiner");
        String members = "/groups/" + w.pubSlug + "/members";

        // REST: a member promoting themselves, directly or by re-adding, and joining "as committee"
        assertEquals(403, w.api(MEMBER, "PUT", members + "/" + w.pubMemberMembership, "{\"role\":\"COMMITTEE\"}").statusCode());
        assertEquals(403, w.api(MEMBER, "POST", members, "{\"username\":\"" + w.actor(MEMBER).username() + "\",\"role\":\"COMMITTEE\"}").statusCode());
        assertEquals(403, w.api(MEMBER, "PUT", members + "/" + w.pubCommitteeMembership, "{\"role\":\"MEMBER\"}").statusCode(), "nor demote others");
        HttpResponse<String> join = new Portal(w.base).api("POST", "/groups/" + w.pubSlug + "/join", joiner.apiToken(), "{\"role\":\"COMMITTEE\"}");
        assertEquals(200, join.statusCode(), join.body());
        assertTrue(join.body().contains("\"role\":\"MEMBER\""), join.body());

        // pages: the committee's buttons, posted from the member's own page, where they are not rendered
        Portal committee = w.actor(COMMITTEE).session();
        String committeePage = committee.get(w.pubPage()).body();
        String promote = PortalIT.buttonFor(committeePage, "ui-button", joiner.username()).replace("group:", "");
        Portal member = w.actor(MEMBER).session();
        String memberPage = member.get(w.pubPage()).body();
        assertFalse(memberPage.contains("Make committee"), "no committee tools for a member");
        member.ajax(w.pubPage(), "group", promote, Map.of(), memberPage);
        member.ajax(w.pubPage(), "group", "sections:add-member",
                Map.of("sections:new-member", w.actor(MEMBER).username(), "sections:new-member-role_input", "COMMITTEE"), memberPage);
        member.ajax(w.pubPage(), "group", "sections:save-settings", Map.of("sections:name", "Taken over " + RUN,
                "sections:visibility_input", "MEMBERS", "sections:policy_input", "OPEN", "sections:members-upload_input", "on"), memberPage);
        assertEquals("MEMBER", roleIn(w.pubSlug, joiner.username()));
        assertEquals("MEMBER", roleIn(w.pubSlug, w.actor(MEMBER).username()));
        JsonNode settings = w.json(COMMITTEE, "/groups/" + w.pubSlug);
        assertEquals(w.pubName, settings.get("name").asText());
        assertEquals("PUBLIC", settings.get("visibility").asText());
        assertFalse(settings.get("membersMayUpload").asBoolean());

        // control: the same button in the committee's session does promote, and demoting again works too
        HttpResponse<String> promoted = committee.ajax(w.pubPage(), "group", promote, Map.of(), committeePage);
        assertTrue(promoted.body().contains("Now on the committee."), promoted.body());
        assertEquals("COMMITTEE", roleIn(w.pubSlug, joiner.username()));
        long id = PortalIT.membershipId(w.api(COMMITTEE, "GET", members, null).body(), joiner.username());
        assertEquals(204, w.api(COMMITTEE, "PUT", members + "/" + id, "{\"role\":\"MEMBER\"}").statusCode());
        assertEquals("MEMBER", roleIn(w.pubSlug, joiner.username()));
    }

    @Test
    void administrationStaysWithAdministratorsByApiAndByPostback() throws Exception {
        World w = world();
        String slug = "coup-" + RUN;
        // a group's committee is no administrator
        for (String[] call : new String[][] {{"POST", "/groups"}, {"GET", "/accounts"}, {"GET", "/admin/search"},
            {"POST", "/admin/search/rebuild"}, {"POST", "/admin/search/check"}, {"GET", "/admin/server-load"}}) {
            HttpResponse<String> response = w.api(COMMITTEE, call[0], call[1], call[1].equals("/groups")
                    ? "{\"slug\":\"" + slug + "\",\"name\":\"Coup\"}" : null);
            assertEquals(403, response.statusCode(), call[0] + " " + call[1] + ": " + response.body());
        }
        assertEquals(404, w.api(COMMITTEE, "POST", "/test/clock?seconds=86400", null).statusCode(), "the test clock does not exist for them");
        // admin pages, and their forms posted with the ViewState of a page they may open
        Portal committee = w.actor(COMMITTEE).session();
        assertEquals(403, committee.get("/admin/new-group.xhtml").statusCode());
        String home = committee.get("/index.xhtml").body();
        assertEquals(403, committee.post("/admin/new-group.xhtml", "new-group", "submit", HostileIT.newGroup(slug), home).statusCode());
        assertEquals(403, committee.ajax("/admin/new-group.xhtml", "new-group", "submit", HostileIT.newGroup(slug), home).statusCode());
        assertEquals(403, committee.post("/admin/accounts.xhtml", "accounts", "save", Map.of("username", "coup" + RUN.toLowerCase(),
                "password", "coup-password-123", "admin_input", "on", "enabled_input", "on"), home).statusCode());
        assertEquals(404, w.api(ADMIN, "GET", "/groups/" + slug, null).statusCode(), "no group was made");
        assertFalse(w.api(ADMIN, "GET", "/accounts", null).body().contains("coup" + RUN.toLowerCase()), "no account was made");
        assertEquals("0", TestDatabase.single("select count(*) from gh_account where admin = true and username = ?", w.actor(COMMITTEE).username())
                .orElseThrow(), "still no administrator");

        // control: the administrator's own form creates the group
        Portal admin = w.actor(ADMIN).session();
        HttpResponse<String> made = admin.post("/admin/new-group.xhtml", "new-group", "submit", HostileIT.newGroup(slug),
                admin.get("/admin/new-group.xhtml").body());
        assertTrue(made.statusCode() == 302 || made.statusCode() == 200, made.statusCode() + ": " + made.body());
        assertEquals(200, w.api(ADMIN, "GET", "/groups/" + slug, null).statusCode());
    }

    @Test
    void tamperedIdsAndOwnersInRequestsAreIgnored() throws Exception {
        World w = world();
        long adminId = Long.parseLong(TestDatabase.single("select id from gh_account where username = 'admin'").orElseThrow());

        // REST: group, author and id fields the API does not take are not taken
        String title = "Tampered post " + RUN;
        ObjectNode post = (ObjectNode) JSON.readTree(annJson(title));
        post.put("group", w.privSlug).put("groupId", w.privGroupId).put("author", "admin").put("authorId", adminId).put("id", 1);
        HttpResponse<String> posted = w.api(COMMITTEE, "POST", "/groups/" + w.pubSlug + "/announcements", post.toString());
        assertEquals(201, posted.statusCode(), posted.body());
        JsonNode announcement = JSON.readTree(posted.body());
        assertEquals(w.pubSlug, announcement.get("group").asText());
        assertEquals(w.actor(COMMITTEE).username(), announcement.get("author").asText());
        assertEquals(List.of(w.pubSlug), column("select g.slug from gh_announcement a join gh_group g on g.id = a.group_id where a.title = ?", title));

        HttpResponse<String> uploaded = w.visitor().multipart("/groups/" + w.pubSlug + "/documents", w.actor(COMMITTEE).apiToken(),
                Map.of("group", w.privSlug, "groupId", Long.toString(w.privGroupId), "owner", "admin", "uploadedBy", "admin", "createdBy", Long.toString(adminId)),
                List.of(new Upload("owned-" + RUN + ".txt", ("Owned " + RUN).getBytes(StandardCharsets.UTF_8))));
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonNode document = JSON.readTree(uploaded.body()).get(0).get("document");
        assertEquals(w.pubSlug, document.get("group").asText());
        assertEquals(w.actor(COMMITTEE).username(), document.get("uploadedBy").asText());
        long docId = document.get("id").asLong();
        HttpResponse<String> edited = w.api(COMMITTEE, "PUT", "/documents/" + docId,
                "{\"title\":\"Owned " + RUN + "\",\"group\":\"" + w.privSlug + "\",\"groupId\":" + w.privGroupId + ",\"uploadedBy\":\"admin\"}");
        assertEquals(200, edited.statusCode(), edited.body());
        assertEquals(w.pubSlug, JSON.readTree(edited.body()).get("group").asText());
        assertEquals(w.actor(COMMITTEE).username(), JSON.readTree(edited.body()).get("uploadedBy").asText());
        HttpResponse<String> renamed = w.api(COMMITTEE, "PUT", "/groups/" + w.pubSlug, "{\"slug\":\"hijacked-" + RUN.toLowerCase()
                + "\",\"name\":\"" + w.pubName + "\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"OPEN\"}");
        assertEquals(200, renamed.statusCode(), renamed.body());
        assertEquals(w.pubSlug, JSON.readTree(renamed.body()).get("slug").asText(), "a group's short name is not changed by its settings");

        // pages: the group a form belongs to is the page's, whatever slug the postback carries, as an AJAX request and as a
        // full one (the form posts to the view's address without its query, as a browser does, so the tampered one is the only one)
        Portal committee = w.actor(COMMITTEE).session();
        for (boolean ajax : new boolean[] {true, false}) {
            String pageTitle = "Posted on the public page " + (ajax ? "by AJAX " : "") + RUN;
            String page = committee.get(w.pubPage()).body();
            Map<String, String> params = ajaxParams("group", "group:sections:ann-post", annFields("sections:", pageTitle), Map.of("slug", w.privSlug));
            // an AJAX request processes only what it names; naming @all takes in the page's view parameters too
            HttpResponse<String> tampered = ajax ? committee.partial("/groups/group.xhtml", executeAll(params), page)
                    : committee.postback("/groups/group.xhtml", withoutAjax(params), page);
            assertEquals(200, tampered.statusCode(), tampered.body());
            assertEquals(List.of(w.pubSlug), column("select g.slug from gh_announcement a join gh_group g on g.id = a.group_id where a.title = ?",
                    pageTitle), (ajax ? "AJAX" : "full postback") + ": posted where the page was, not where the request said");
        }

        // …and the document a document page edits is the page's, whatever id the postback carries
        String docPage = "/documents/document.xhtml?id=" + docId;
        for (boolean ajax : new boolean[] {true, false}) {
            String newTitle = "Edited on its own page " + (ajax ? "by AJAX " : "") + RUN;
            Map<String, String> params = ajaxParams("doc", "doc:save", Map.of("title", newTitle, "description", "", "tags", ""),
                    Map.of("id", Long.toString(w.privDoc)));
            String page = committee.get(docPage).body();
            HttpResponse<String> saved = ajax ? committee.partial("/documents/document.xhtml", executeAll(params), page)
                    : committee.postback("/documents/document.xhtml", withoutAjax(params), page);
            assertEquals(200, saved.statusCode(), saved.body());
            String other = w.json(COMMITTEE, "/documents/" + w.privDoc).get("title").asText();
            if (!other.equals(w.privDocTitle)) {
                // put it back, so the other tests of this class still find the title they look for
                w.api(COMMITTEE, "PUT", "/documents/" + w.privDoc, "{\"title\":\"" + w.privDocTitle + "\"}");
            }
            assertEquals(w.privDocTitle, other, (ajax ? "AJAX" : "full postback") + ": the other document is untouched");
            assertEquals(newTitle, w.json(COMMITTEE, "/documents/" + docId).get("title").asText(), "the page's own document is edited");
        }
    }

    /**
     * A member holding a page session, an API token and a feed token is removed by the committee
     * (on the group page): the very next request of each kind finds nothing, and a page loaded
     * before the removal can neither act nor show more.
     */
    @Test
    void aRemovedMemberLosesEverythingOnTheVeryNextRequest() throws Exception {
        World w = world();
        Actor leaver = w.newAccount("leaver");
        assertEquals(201, w.api(COMMITTEE, "POST", "/groups/" + w.privSlug + "/members",
                "{\"username\":\"" + leaver.username() + "\",\"role\":\"MEMBER\"}").statusCode());
        String feed = "/api/v1/feeds/groups/" + w.privSlug + "/announcements.atom?token=" + leaver.feedToken();
        String docPage = "/documents/document.xhtml?id=" + w.privDoc;
        String download = "/download/" + w.privV2;
        String word = w.secrets.get("word only in the private group").value();
        String prefix = w.secrets.get("title prefix only in the private group").value();
        Portal session = leaver.session();

        // while a member: everything answers, and a page is kept open
        String groupPage = session.get(w.privPage()).body();
        assertTrue(groupPage.contains(w.privDocTitle) && groupPage.contains(w.privAnnTitle), "the member sees the group");
        String documentPage = session.get(docPage).body();
        assertTrue(documentPage.contains(w.privDocTitle), "and the document");
        assertEquals(200, session.bytes(download, Map.of()).statusCode());
        assertEquals(200, w.api(leaver, "GET", "/documents/" + w.privDoc).statusCode());
        assertEquals(200, w.visitor().bytes(feed, Map.of()).statusCode());
        assertEquals(1, w.visitor().search(word, leaver.apiToken()).get("total").asLong());
        assertTrue(w.api(leaver, "GET", "/search/suggest?q=" + enc(prefix)).body().contains(w.privDocTitle));

        // the committee removes them on its group page
        Portal committee = w.actor(COMMITTEE).session();
        String committeePage = committee.get(w.privPage()).body();
        String remove = PortalIT.buttonFor(committeePage, "ui-button-secondary", leaver.username()).replace("group:", "");
        HttpResponse<String> removed = committee.ajax(w.privPage(), "group", remove, Map.of(), committeePage);
        assertTrue(removed.body().contains("no longer in the group"), removed.body());

        // the very next requests
        assertEquals(404, session.get(w.privPage()).statusCode(), "group page");
        assertEquals(404, session.get(docPage).statusCode(), "document page");
        assertEquals(404, session.bytes(download, Map.of()).statusCode(), "download");
        assertEquals(404, w.api(leaver, "GET", "/documents/" + w.privDoc).statusCode(), "REST");
        assertEquals(404, w.api(leaver, "GET", "/groups/" + w.privSlug).statusCode(), "REST group");
        assertEquals(404, w.visitor().bytes(feed, Map.of()).statusCode(), "feed token");
        assertEquals(0, w.visitor().search(word, leaver.apiToken()).get("total").asLong(), "search");
        assertFalse(w.api(leaver, "GET", "/search/suggest?q=" + enc(prefix)).body().contains(w.privDocTitle), "autocomplete");

        // the page loaded before: "I have read this" on it records nothing…
        String ackButton = buttonId(groupPage, "acknowledge");
        HttpResponse<String> ack = session.partial(w.privPage(), ajaxParams("group", "group:" + ackButton, Map.of(), Map.of()), groupPage);
        assertEquals(0, Long.parseLong(TestDatabase.single("select count(*) from gh_announcement_receipt r join gh_account a on a.id = r.account_id"
                + " where a.username = ? and r.kind = 'ACKNOWLEDGED'", leaver.username()).orElseThrow()), "no acknowledgement: " + ack.body());
        // …and asking it to render its sections again shows nothing of the group
        HttpResponse<String> rerender = session.partial(w.privPage(), Map.of("jakarta.faces.source", "group", "jakarta.faces.partial.execute", "@none",
                "jakarta.faces.partial.render", "group", "group", "group"), groupPage);
        assertFalse(rerender.body().contains(w.privDocTitle) || rerender.body().contains(w.privAnnTitle),
                "a stale page re-rendered after the removal: " + clip(rerender.body()));
        HttpResponse<String> staleDocument = session.partial(docPage, Map.of("jakarta.faces.source", "doc", "jakarta.faces.partial.execute", "@none",
                "jakarta.faces.partial.render", "doc", "doc", "doc"), documentPage);
        assertFalse(staleDocument.body().contains(w.privDocTitle), "a stale document page re-rendered after the removal: " + clip(staleDocument.body()));
        for (HttpResponse<String> response : List.of(ack, rerender, staleDocument)) {
            HostileIT.assertNoLeak(response);
        }
    }

    // --- the world: accounts, groups and content of this class ----------------------------------

    enum Who { ANONYMOUS, OUTSIDER, MEMBER, COMMITTEE, ADMIN }

    /** An account with its logged-in page session and its tokens (all null for the anonymous visitor). */
    record Actor(String username, Portal session, String apiToken, String feedToken) {
    }

    /**
     * Something some may not see: its id or slug, one of the same kind that does not exist, a
     * text only it shows, who must not see it and who may.
     */
    record Secret(String name, String value, String missing, String marker, List<Who> outsiders, Who reader) {
    }

    enum Via { PAGE, API, UPLOAD, FEED, ROW_SELECTION, HEADER_BOX }

    record Call(Via via, String method, String template, String json, String accept) {
    }

    /** One line of the table: a call for a secret; who checks that it works, what status they get, what they see. */
    record Route(String label, Secret secret, Call call, Who reader, int readerStatus, String readerSees) {

        List<Who> outsiders() {
            return secret.outsiders();
        }

        Route by(Who who, int status) {
            return new Route(label, secret, call, who, status, readerSees);
        }

        Route sees(String text) {
            return new Route(label, secret, call, reader, readerStatus, text);
        }

        Route accept(String type) {
            return new Route(label, secret, new Call(call.via(), call.method(), call.template(), call.json(), type), reader, readerStatus, readerSees);
        }
    }

    static Route page(String label, Secret secret, String template) {
        return new Route(label, secret, new Call(Via.PAGE, "GET", template, null, null), secret.reader(), 200, secret.marker());
    }

    static Route api(String label, Secret secret, String method, String template) {
        return api(label, secret, method, template, null);
    }

    static Route api(String label, Secret secret, String method, String template, String json) {
        return new Route(label, secret, new Call(Via.API, method, template, json, "application/json"), secret.reader(), 200,
                method.equals("GET") ? secret.marker() : null);
    }

    static Route upload(String label, Secret secret, String template) {
        return new Route(label, secret, new Call(Via.UPLOAD, "POST", template, null, null), secret.reader(), 201, null);
    }

    static Route feed(String label, Secret secret, String template) {
        return new Route(label, secret, new Call(Via.FEED, "GET", template, null, null), secret.reader(), 200, secret.marker());
    }

    static Route headerBox(String label, Secret secret) {
        return new Route(label, secret, new Call(Via.HEADER_BOX, "POST", null, null, null), secret.reader(), 200, secret.marker());
    }

    static Route rowSelection(String label, Secret secret) {
        return new Route(label, secret, new Call(Via.ROW_SELECTION, "POST", null, null, null), secret.reader(), 200, null);
    }

    /** A response reduced to what the comparison looks at. */
    record Answer(int status, String type, String body) {

        static final Pattern VIEW_STATE = Pattern.compile("(ViewState[^>]*?value=\")[^\"]*\"|(ViewState:\\d+\"><!\\[CDATA\\[)[^\\]]*");
        static final Pattern NONCE = Pattern.compile("nonce=\"[^\"]*\"|csp\\.init\\('[^']*'\\)|primefaces\\.nonce[^>]*value=\"[^\"]*\"");

        /** The body without the ids compared and without what changes with every request. */
        String shape(Secret secret) {
            String shape = body;
            for (String id : List.of(secret.value(), secret.missing())) {
                shape = Pattern.compile("(?<![\\w-])" + Pattern.quote(id) + "(?![\\w-])").matcher(shape).replaceAll("{id}");
                shape = shape.replace(enc(id), "{id}");
            }
            shape = VIEW_STATE.matcher(shape).replaceAll("$1$2");
            return NONCE.matcher(shape).replaceAll("nonce");
        }
    }

    static World world;
    static Throwable setupFailure;

    synchronized World world() {
        if (setupFailure != null) {
            throw new IllegalStateException("The set-up failed in an earlier test", setupFailure);
        }
        if (world == null) {
            try {
                world = new World(Deployments.local(deployed)).build();
            } catch (Exception | AssertionError e) {
                setupFailure = e;
                throw new IllegalStateException("Setting up the accounts, groups and content failed", e);
            }
        }
        return world;
    }

    /** Accounts, groups and content made once for the whole class, through the API and pages as their owners would. */
    static final class World {

        final URI base;
        final Map<Who, Actor> actors = new EnumMap<>(Who.class);
        final Map<String, Secret> secrets = new LinkedHashMap<>();
        final String privSlug = "acc-priv-" + RUN.toLowerCase();
        final String pubSlug = "acc-pub-" + RUN.toLowerCase();
        final String privName = "Private circle " + RUN;
        final String pubName = "Open forum " + RUN;
        final String privDocTitle = "Zorbex" + RUN + " minutes";
        final String pubDocTitle = "Open notes " + RUN;
        final String privAnnFirstTitle = "First private notice " + RUN;
        final String privAnnTitle = "Private notice " + RUN;
        long privGroupId;
        long privDoc;
        long privV1;
        long privV2;
        long pubDoc;
        long memberMembership;
        long committeeMembership;
        long pubMemberMembership;
        long pubCommitteeMembership;

        World(URI base) {
            this.base = base;
        }

        World build() throws Exception {
            String adminToken = DemoTokens.of(base, "admin");
            Portal adminSession = visitor();
            assertEquals(302, adminSession.login("admin", DemoTokens.PASSWORD).statusCode());
            actors.put(ADMIN, new Actor("admin", adminSession, adminToken, null));
            actors.put(ANONYMOUS, new Actor(null, null, null, null));
            actors.put(OUTSIDER, newAccount("outsider"));
            actors.put(MEMBER, newAccount("member"));
            actors.put(COMMITTEE, newAccount("committee"));

            ok(api(ADMIN, "POST", "/groups", "{\"slug\":\"" + privSlug + "\",\"name\":\"" + privName + "\",\"visibility\":\"MEMBERS\",\"joinPolicy\":\"INVITE\"}"));
            ok(api(ADMIN, "POST", "/groups", "{\"slug\":\"" + pubSlug + "\",\"name\":\"" + pubName + "\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"OPEN\"}"));
            for (String slug : List.of(privSlug, pubSlug)) {
                ok(api(ADMIN, "POST", "/groups/" + slug + "/members", "{\"username\":\"" + actor(COMMITTEE).username() + "\",\"role\":\"COMMITTEE\"}"));
                ok(api(ADMIN, "POST", "/groups/" + slug + "/members", "{\"username\":\"" + actor(MEMBER).username() + "\",\"role\":\"MEMBER\"}"));
            }
            privGroupId = Long.parseLong(TestDatabase.single("select id from gh_group where slug = ?", privSlug).orElseThrow());
            String privMembers = api(COMMITTEE, "GET", "/groups/" + privSlug + "/members", null).body();
            memberMembership = PortalIT.membershipId(privMembers, actor(MEMBER).username());
            committeeMembership = PortalIT.membershipId(privMembers, actor(COMMITTEE).username());
            String pubMembers = api(COMMITTEE, "GET", "/groups/" + pubSlug + "/members", null).body();
            pubMemberMembership = PortalIT.membershipId(pubMembers, actor(MEMBER).username());
            pubCommitteeMembership = PortalIT.membershipId(pubMembers, actor(COMMITTEE).username());

            // documents: two versions of a private one, a spare for the routes that change things, a trashed one, a public one
            String word = "quillon" + RUN.toLowerCase();
            String tag = "tagged" + RUN.toLowerCase();
            JsonNode doc = store(privSlug, Map.of("title", privDocTitle, "tags", tag), "secret-" + RUN + ".txt",
                    "The " + word + " budget, version one.");
            privDoc = doc.get("id").asLong();
            privV1 = doc.get("current").get("id").asLong();
            HttpResponse<String> second = visitor().multipart("/documents/" + privDoc + "/versions", actor(COMMITTEE).apiToken(), Map.of(),
                    List.of(new Upload("secret-" + RUN + "-v2.txt", ("The " + word + " budget, version two.").getBytes(StandardCharsets.UTF_8))));
            assertEquals(201, second.statusCode(), second.body());
            privV2 = JSON.readTree(second.body()).get("document").get("current").get("id").asLong();
            long spare = store(privSlug, Map.of("title", "Spare " + RUN), "spare-" + RUN + ".txt", "Spare paper " + RUN).get("id").asLong();
            long trashed = store(pubSlug, Map.of("title", "Binned " + RUN), "binned-" + RUN + ".txt", "Binned paper " + RUN).get("id").asLong();
            assertEquals(204, api(COMMITTEE, "DELETE", "/documents/" + trashed, null).statusCode());
            pubDoc = store(pubSlug, Map.of("title", pubDocTitle), "open-" + RUN + ".txt", "Open notes " + RUN).get("id").asLong();

            // announcements of every audience; the private one edited once, so it has a revision
            long ann = post(privSlug, Map.of("title", privAnnFirstTitle, "body", "<p>Inside news " + RUN + ".</p>", "audience", "PUBLIC",
                    "pinned", true, "requiresAcknowledgement", true));
            ok(api(COMMITTEE, "PUT", "/announcements/" + ann, AnnouncementsIT.json(Map.of("title", privAnnTitle, "body", "<p>Inside news " + RUN + ".</p>",
                    "audience", "PUBLIC", "pinned", true, "requiresAcknowledgement", true))));
            long spareAnn = post(privSlug, Map.of("title", "Spare notice " + RUN, "audience", "MEMBERS"));
            long members = post(pubSlug, Map.of("title", "Members news " + RUN, "audience", "MEMBERS"));
            long committee = post(pubSlug, Map.of("title", "Committee note " + RUN, "audience", "COMMITTEE", "requiresAcknowledgement", true));
            long scheduled = post(pubSlug, Map.of("title", "Future note " + RUN, "audience", "PUBLIC",
                    "publishAt", Instant.now().plus(Duration.ofDays(30)).toString()));
            HttpResponse<String> siteWide = api(ADMIN, "POST", "/announcements", AnnouncementsIT.json(Map.of("title", "Signed-in news " + RUN,
                    "audience", "MEMBERS")));
            ok(siteWide);
            long site = JSON.readTree(siteWide.body()).get("id").asLong();

            List<Who> everybodyOutside = List.of(ANONYMOUS, OUTSIDER);
            List<Who> allButCommittee = List.of(ANONYMOUS, OUTSIDER, MEMBER);
            secret("private group", privSlug, "no-such-group-" + RUN.toLowerCase(), privName, everybodyOutside, MEMBER);
            secret("private document", privDoc, privDocTitle, everybodyOutside, MEMBER);
            secret("spare private document", spare, "Spare " + RUN, everybodyOutside, COMMITTEE);
            secret("old version of the private document", privV1, "version one", everybodyOutside, MEMBER);
            secret("current version of the private document", privV2, "version two", everybodyOutside, MEMBER);
            secret("trashed document", trashed, "Binned " + RUN, allButCommittee, COMMITTEE);
            secret("announcement of the private group", ann, privAnnTitle, everybodyOutside, MEMBER);
            secret("spare announcement of the private group", spareAnn, "Spare notice " + RUN, everybodyOutside, COMMITTEE);
            secret("members' announcement of the public group", members, "Members news " + RUN, everybodyOutside, MEMBER);
            secret("committee's announcement of the public group", committee, "Committee note " + RUN, allButCommittee, COMMITTEE);
            secret("scheduled announcement", scheduled, "Future note " + RUN, allButCommittee, COMMITTEE);
            secret("site-wide announcement for signed-in members", site, "Signed-in news " + RUN, List.of(ANONYMOUS), OUTSIDER);
            secret("word only in the private group", word, "quillon" + letters(System.nanoTime()).toLowerCase(), privDocTitle, everybodyOutside, MEMBER);
            secret("tag only in the private group", tag, "tagged" + letters(System.nanoTime()).toLowerCase(), privDocTitle, everybodyOutside, MEMBER);
            String typed = privDocTitle.toLowerCase().substring(0, privDocTitle.indexOf(' ') - 2);
            secret("title prefix only in the private group", typed, "zorbey" + typed.substring(6), privDocTitle, everybodyOutside, MEMBER);

            // the routes' controls read extracted text and search hits: wait for both once
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (List.of("PENDING", "RUNNING").contains(json(MEMBER, "/documents/" + privDoc).get("current").get("state").asText())
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            JsonNode found = visitor().awaitSearchTotal(word, actor(MEMBER).apiToken(), 1, Duration.ofMinutes(2));
            assertEquals(1, found.get("total").asLong(), "the private document is extracted and indexed: " + found);
            return this;
        }

        Actor actor(Who who) {
            return actors.get(who);
        }

        Portal visitor() {
            return new Portal(base);
        }

        String pubPage() {
            return "/groups/group.xhtml?slug=" + pubSlug;
        }

        String privPage() {
            return "/groups/group.xhtml?slug=" + privSlug;
        }

        /** A new account (signed up on the page), logged in, with an API token and a feed token. */
        Actor newAccount(String role) {
            String username = "acc-" + role + "-" + RUN.toLowerCase() + "-" + (System.nanoTime() % 1000);
            Portal session = visitor();
            assertEquals(302, session.signUp(username, PASSWORD).statusCode(), "sign-up of " + username);
            assertEquals(302, session.login(username, PASSWORD).statusCode());
            return new Actor(username, session, session.issueApiToken("access"), session.issueFeedToken("access feeds"));
        }

        void secret(String name, long id, String marker, List<Who> outsiders, Who reader) {
            secret(name, Long.toString(id), MISSING_ID, marker, outsiders, reader);
        }

        void secret(String name, String value, String missing, String marker, List<Who> outsiders, Who reader) {
            secrets.put(name, new Secret(name, value, missing, marker, outsiders, reader));
        }

        JsonNode store(String slug, Map<String, String> fields, String fileName, String text) throws IOException {
            HttpResponse<String> response = visitor().multipart("/groups/" + slug + "/documents", actor(COMMITTEE).apiToken(), fields,
                    List.of(new Upload(fileName, text.getBytes(StandardCharsets.UTF_8))));
            assertEquals(201, response.statusCode(), response.body());
            return JSON.readTree(response.body()).get(0).get("document");
        }

        long post(String slug, Map<String, Object> fields) throws IOException {
            HttpResponse<String> response = api(COMMITTEE, "POST", "/groups/" + slug + "/announcements", AnnouncementsIT.json(fields));
            ok(response);
            return JSON.readTree(response.body()).get("id").asLong();
        }

        HttpResponse<String> api(Who who, String method, String path, String json) {
            return visitor().api(method, path, actor(who).apiToken(), json);
        }

        HttpResponse<String> api(Actor actor, String method, String path) {
            return visitor().api(method, path, actor.apiToken(), null);
        }

        JsonNode json(Who who, String path) throws IOException {
            HttpResponse<String> response = api(who, "GET", path, null);
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            return JSON.readTree(response.body());
        }

        /** One call of the table, as this visitor, with this id or slug in its place. */
        Answer perform(Call call, Who who, String value) {
            Actor actor = actor(who);
            HttpResponse<String> response = switch (call.via()) {
                case PAGE -> (actor.session() == null ? visitor() : actor.session()).get(call.template().replace("{}", enc(value)));
                case API -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("Accept", call.accept());
                    if (actor.apiToken() != null) {
                        headers.put("Authorization", "Bearer " + actor.apiToken());
                    }
                    if (call.json() != null) {
                        headers.put("Content-Type", "application/json");
                    }
                    yield visitor().exchange(call.method(), "/api/v1" + call.template().replace("{}", enc(value)), headers, call.json());
                }
                case UPLOAD -> visitor().multipart(call.template().replace("{}", enc(value)), actor.apiToken(), Map.of(),
                        List.of(new Upload("route-" + RUN + ".txt", ("Route check " + System.nanoTime()).getBytes(StandardCharsets.UTF_8))));
                case FEED -> visitor().get(call.template().replace("{}", enc(value)) + (actor.feedToken() == null ? "" : "?token=" + actor.feedToken()));
                case HEADER_BOX -> {
                    // what the box's script sends as one types: the component asks its complete method for the typed text
                    Portal session = actor.session() == null ? visitor() : actor.session();
                    String page = session.get("/index.xhtml").body();
                    String box = "site-search:q";
                    yield session.partial("/index.xhtml", Map.of("jakarta.faces.source", box, "jakarta.faces.partial.execute", box,
                            "jakarta.faces.partial.render", box, box + "_query", value, box + "_input", value, "site-search", "site-search"), page);
                }
                case ROW_SELECTION -> {
                    Portal session = actor.session() == null ? visitor() : actor.session();
                    String page = session.get(pubPage()).body();
                    String table = "group:sections:documents-table";
                    yield session.partial(pubPage(), Map.of("jakarta.faces.source", table, "jakarta.faces.partial.execute", table,
                            "jakarta.faces.partial.render", table, "jakarta.faces.behavior.event", "rowSelect", "jakarta.faces.partial.event", "rowSelect",
                            table + "_instantSelection", value, table + "_selection", value, "group", "group"), page);
                }
            };
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        }

        static void ok(HttpResponse<String> response) {
            assertTrue(response.statusCode() / 100 == 2, response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** The fields of a board's post form (a group page's, under "sections:", or the site board's). */
    static Map<String, String> annFields(String prefix, String title) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(prefix + "ann-title", title);
        fields.put(prefix + "ann-body_input", "<p>Text of " + title + "</p>");
        fields.put(prefix + "ann-audience_input", "PUBLIC");
        return fields;
    }

    /** The parameters of a PrimeFaces button's AJAX request that processes the whole form, plus any extra (tampered) parameters. */
    static Map<String, String> ajaxParams(String formId, String source, Map<String, String> fields, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("jakarta.faces.source", source);
        params.put("jakarta.faces.partial.execute", formId);
        params.put("jakarta.faces.partial.render", formId + " messages");
        params.put(source, source);
        params.put(formId, formId);
        fields.forEach((name, value) -> params.put(formId + ":" + name, value));
        params.putAll(extra);
        return params;
    }

    /** The same button press as a full postback: no partial-request parameters. */
    static Map<String, String> withoutAjax(Map<String, String> params) {
        Map<String, String> full = new LinkedHashMap<>(params);
        full.keySet().removeIf(name -> name.startsWith("jakarta.faces."));
        return full;
    }

    static Map<String, String> executeAll(Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("jakarta.faces.partial.execute", "@all");
        return all;
    }

    static String annJson(String title) {
        return AnnouncementsIT.json(Map.of("title", title, "body", "<p>" + title + "</p>", "audience", "PUBLIC"));
    }

    static long announcementsTitled(String title) throws Exception {
        return Long.parseLong(TestDatabase.single("select count(*) from gh_announcement where title = ?", title).orElseThrow());
    }

    static long documentsIn(String slug) throws Exception {
        return Long.parseLong(TestDatabase.single("select count(*) from gh_document d join gh_group g on g.id = d.group_id where g.slug = ?", slug)
                .orElseThrow());
    }

    static String roleIn(String slug, String username) throws Exception {
        return TestDatabase.single("select m.role from gh_membership m join gh_group g on g.id = m.group_id join gh_account a on a.id = m.account_id"
                + " where g.slug = ? and a.username = ?", slug, username).orElseThrow();
    }

    static List<String> column(String sql, Object... parameters) throws Exception {
        List<String> values = new ArrayList<>();
        try (var connection = TestDatabase.connect(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    /** The client id (with its form prefix) of the first button with this style class on the page. */
    static String buttonId(String html, String styleClass) {
        var m = Pattern.compile("<button id=\"([^\"]+)\"[^>]*class=\"[^\"]*\\b" + styleClass + "\\b").matcher(html);
        if (!m.find()) {
            throw new AssertionError("No " + styleClass + " button on the page");
        }
        return m.group(1).replaceFirst("^group:", "");
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String clip(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }

    /** A number written in the letters a–p: words made from it are single search tokens and never stemmed oddly. */
    static String letters(long number) {
        return Long.toHexString(number).chars().mapToObj(c -> String.valueOf((char) (Character.isDigit(c) ? 'a' + (c - '0') : c + 10)))
                .collect(Collectors.joining());
    }

}
