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
}
