package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;

/** What a person does in a real browser, on the demo content. */
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
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20)).until(d -> Files.exists(saved));
        assertEquals("Minutes of the browser meeting: quorum reached.", Files.readString(saved));
        assertEquals(java.util.List.of(), Browser.consoleErrors(browser));
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
