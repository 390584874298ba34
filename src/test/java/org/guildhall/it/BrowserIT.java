package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a person does in a real browser, on the demo content. Run on H2 only: what the browser
 * adds (the pages' scripts, the upload widget, the download) does not depend on the database,
 * and the server side of each of these steps runs on PostgreSQL in PortalIT, DocumentsIT and
 * AnnouncementsIT;
 * skipping it there saves CI a Payara boot and about a minute and a half.
 */
@DisabledIfSystemProperty(named = "it.db.url", matches = "jdbc:postgresql:.*", disabledReason = "browser behaviour; run on H2")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserIT {

    @ArquillianResource
    URL deployed;

    ChromeDriver browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.guildhall();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aNewcomerLogsInOpensAGroupAndJoinsIt() throws Exception {
        browser = Browser.start();
        URI base = Deployments.local(deployed);

        Pages.Home home = Pages.Login.open(browser, base).logIn("noah", "guildhall-demo");
        assertEquals("Noah Newcomer", home.loggedInAs());
        assertTrue(home.myGroups().contains("You are not in any group yet."), home.myGroups());

        Pages.GroupPage group = home.groups().openGroup("Career Development");
        assertEquals("Career Development", group.name());
        group.join();
        assertEquals("Welcome to Career Development.", group.message());
        assertFalse(group.hasJoinButton(), "no second join button");
        assertTrue(group.members().contains("Noah Newcomer"));

        assertTrue(Pages.Home.open(browser, base).myGroups().contains("Career Development"));
        assertEquals(java.util.List.of(), Browser.consoleErrors(browser), "no script blocked by the Content-Security-Policy, no script error");
    }

    @Test
    void aCommitteeMemberUploadsTwoFilesSeesThemExtractedAndDownloadsOne(@TempDir Path work) throws Exception {
        Path downloads = Files.createDirectories(work.resolve("downloads"));
        Path minutes = Files.writeString(work.resolve("browser-minutes.txt"), "Minutes of the browser meeting: quorum reached.");
        Path agenda = Files.writeString(work.resolve("browser-agenda.html"), "<html><body><h1>Agenda</h1><p>Item one</p></body></html>");
        browser = Browser.start(downloads);
        URI base = Deployments.local(deployed);

        Pages.Login.open(browser, base).logIn("hana", "guildhall-demo").groups().openGroup("Health Libraries")
                .upload(minutes, agenda)
                .awaitDocument("browser-minutes.txt", "DONE")
                .awaitDocument("browser-agenda.html", "DONE");

        Pages.GroupPage group = new Pages.GroupPage(browser, base);
        assertTrue(group.progressBarsSeen() >= 2, "a progress bar per file, seen " + group.progressBarsSeen());
        assertTrue(group.uploadResults().contains("browser-minutes.txt: stored") && group.uploadResults().contains("browser-agenda.html: stored"),
                group.uploadResults());
        Pages.DocumentPage document = group.openDocument("browser-minutes.txt");
        assertEquals("DONE", document.state());
        document.download();
        Path saved = downloads.resolve("browser-minutes.txt");
        // Chromium reserves the name with an empty file when the download starts and fills it when it ends
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
                .until(d -> Files.exists(saved) && !Files.exists(downloads.resolve("browser-minutes.txt.crdownload")) && saved.toFile().length() > 0);
        assertEquals("Minutes of the browser meeting: quorum reached.", Files.readString(saved));
        assertEquals(java.util.List.of(), Browser.consoleErrors(browser));
    }

    @Test
    void aMemberFindsADocumentThroughTheHeaderBoxNarrowsByTypeAndOpensIt() throws Exception {
        URI base = Deployments.local(deployed);
        // Arrange: the committee of Health Libraries has one briefing as text and as a web page
        String word = "kestrel" + System.nanoTime() % 1_000_000;
        String title = "Quarterly briefing " + word;
        // (a title given with one file only: two uploads)
        for (Portal.Upload file : java.util.List.of(
                new Portal.Upload("briefing.txt", ("Text version of the " + word + " briefing.").getBytes(StandardCharsets.UTF_8)),
                new Portal.Upload("briefing.html", ("<html><body><p>Web version of the " + word + " briefing.</p></body></html>")
                        .getBytes(StandardCharsets.UTF_8)))) {
            HttpResponse<String> stored = new Portal(base).multipart("/groups/health-libraries/documents", DemoTokens.of(base, "hana"),
                    java.util.Map.of("title", title, "tags", "briefing"), java.util.List.of(file));
            assertEquals(201, stored.statusCode(), stored.body());
        }
        awaitSearchable(base, word, 2);
        browser = Browser.start();

        // Act: mia types part of the title in the header box and picks the suggestion by keyboard
        Pages.Login.open(browser, base).logIn("mia", "guildhall-demo");
        Pages.SearchBox box = Pages.SearchBox.of(browser, base).type(word.substring(0, word.length() - 2));
        assertEquals(java.util.List.of("\"" + title + "\""), box.suggestions(title), "one suggestion for the two files of one title");
        Pages.SearchPage results = box.pickWithKeyboard(1);

        // Assert: both files, a type facet with counts; narrowing to html leaves the web page
        assertEquals("2 results", results.total());
        assertTrue(results.understood().contains(title), results.understood());
        assertTrue(results.facet("type").containsAll(java.util.List.of("html 1", "text 1")), results.facet("type").toString());
        results = results.narrow("type", "html");
        assertEquals("1 result", results.total());
        assertTrue(results.selectedFilters().contains("Type: html"), results.selectedFilters());
        assertTrue(browser.getCurrentUrl().contains("type=html"), "a bookmarkable address: " + browser.getCurrentUrl());

        Pages.DocumentPage document = results.open(title);
        assertEquals(title, document.title());
        assertTrue(document.facts().contains("briefing.html"), document.facts());
        assertEquals(java.util.List.of(), Browser.consoleErrors(browser), "no script blocked by the Content-Security-Policy, no script error");
    }

    /** Waits until the search API finds this many documents for the word, as extraction finishes in the background. */
    private static void awaitSearchable(URI base, String word, int expected) throws Exception {
        assertEquals(expected, new Portal(base).awaitSearchTotal(word, DemoTokens.of(base, "mia"), expected, java.time.Duration.ofMinutes(2))
                .get("total").asLong(), "searchable: " + word);
    }

    @Test
    void aCommitteeMemberPostsAMustReadThatAMemberSeesFirstAndAcknowledges() throws Exception {
        browser = Browser.start();
        URI base = Deployments.local(deployed);
        String title = "Mentors: please confirm the new code " + System.currentTimeMillis();

        Pages.GroupPage group = Pages.Login.open(browser, base).logIn("cody", "guildhall-demo").groups().openGroup("Career Development");
        group.postAnnouncement(title, "Every mentor confirms the code of practice before the next round.", true, true);
        assertEquals("Posted.", group.message());
        assertEquals(title, group.board().get(0), "pinned first on the board");

        browser.manage().deleteAllCookies();
        Pages.Home home = Pages.Login.open(browser, base).logIn("mia", "guildhall-demo");
        assertEquals(title, home.announcements().get(0), "first on the member's home page: " + home.announcements());
        assertTrue(home.asksToAcknowledge(title));
        home.acknowledge(title);
        assertFalse(home.asksToAcknowledge(title), "no second button once read");

        browser.manage().deleteAllCookies();
        Pages.AnnouncementPage page = Pages.Login.open(browser, base).logIn("cody", "guildhall-demo").groups().openGroup("Career Development")
                .openAnnouncement(title);
        String view = page.acknowledgements();
        assertTrue(view.contains("1 acknowledged"), view);
        assertTrue(view.matches("(?s).*Mia Member \\(mia\\)\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC.*"), "the member, with when: " + view);
        assertEquals(java.util.List.of(), Browser.consoleErrors(browser), "no script blocked by the Content-Security-Policy, no script error");
    }
}
