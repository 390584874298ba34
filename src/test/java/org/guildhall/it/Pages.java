package org.guildhall.it;

import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page objects: what a person sees and does on Guildhall's pages, in their words. */
public final class Pages {

    private Pages() {
    }

    static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** The login page. */
    public record Login(WebDriver driver, URI base) {

        public static Login open(WebDriver driver, URI base) {
            driver.get(base.resolve("/login.xhtml").toString());
            return new Login(driver, base);
        }

        public Home logIn(String username, String password) {
            driver.findElement(By.id("login:username")).sendKeys(username);
            driver.findElement(By.id("login:password")).sendKeys(password);
            driver.findElement(By.id("login:submit")).click();
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("account-link")));
            return new Home(driver, base);
        }
    }

    /** The home page. */
    public record Home(WebDriver driver, URI base) {

        public static Home open(WebDriver driver, URI base) {
            driver.get(base.resolve("/").toString());
            return new Home(driver, base);
        }

        public String myGroups() {
            return driver.findElement(By.id("my-groups")).findElement(By.xpath("..")).getText();
        }

        public String loggedInAs() {
            return driver.findElement(By.id("account-link")).getText();
        }

        /** The titles of the home page's announcements, in the order shown. */
        public java.util.List<String> announcements() {
            return driver.findElements(By.cssSelector(".home-announcements article .announcement-title")).stream().map(WebElement::getText).toList();
        }

        /** Presses "I have read this" on the announcement with this title. */
        public Home acknowledge(String title) {
            WebElement article = driver.findElements(By.cssSelector(".home-announcements article")).stream()
                    .filter(a -> a.findElement(By.cssSelector(".announcement-title")).getText().equals(title)).findFirst().orElseThrow();
            article.findElement(By.cssSelector(".acknowledge")).click();
            waitFor(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages .ui-messages-info-summary"), "Thank you"));
            return this;
        }

        /** Whether the announcement with this title still asks this member to acknowledge it. */
        public boolean asksToAcknowledge(String title) {
            return driver.findElements(By.cssSelector(".home-announcements article")).stream()
                    .filter(a -> a.findElement(By.cssSelector(".announcement-title")).getText().equals(title))
                    .anyMatch(a -> !a.findElements(By.cssSelector(".acknowledge")).isEmpty());
        }

        public Directory groups() {
            driver.findElement(By.linkText("Groups")).click();
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("directory:groups")));
            return new Directory(driver, base);
        }
    }

    /** The group directory. */
    public record Directory(WebDriver driver, URI base) {

        public GroupPage openGroup(String name) {
            driver.findElement(By.linkText(name)).click();
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("group-name")));
            return new GroupPage(driver, base);
        }
    }

    /** A group page. */
    public record GroupPage(WebDriver driver, URI base) {

        public String name() {
            return driver.findElement(By.id("group-name")).getText();
        }

        public GroupPage join() {
            WebElement button = driver.findElement(By.id("group:join"));
            button.click();
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("group:my-role-member")));
            return this;
        }

        public String message() {
            return waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages .ui-messages-info-summary"))).getText();
        }

        public boolean hasJoinButton() {
            return !driver.findElements(By.id("group:join")).isEmpty();
        }

        /** Posts on the Announcements section (the section the page opens on), typing the text into the rich-text editor. */
        public GroupPage postAnnouncement(String title, String text, boolean pinned, boolean acknowledgement) {
            driver.findElement(By.id("group:sections:ann-title")).sendKeys(title);
            WebElement editor = waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id='group:sections:ann-body'] .ql-editor")));
            editor.click();
            editor.sendKeys(text);
            if (pinned) {
                driver.findElement(By.cssSelector("[id='group:sections:ann-pinned'] .ui-chkbox-box")).click();
            }
            if (acknowledgement) {
                driver.findElement(By.cssSelector("[id='group:sections:ann-ack'] .ui-chkbox-box")).click();
            }
            driver.findElement(By.id("group:sections:ann-post")).click();
            return this;
        }

        /** The titles on the board, in the order shown. */
        public java.util.List<String> board() {
            return driver.findElements(By.cssSelector(".board article .announcement-title")).stream().map(WebElement::getText).toList();
        }

        public AnnouncementPage openAnnouncement(String title) {
            driver.findElement(By.linkText(title)).click();
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("announcement-title")));
            return new AnnouncementPage(driver, base);
        }

        /** Chooses files in the Documents section's upload, as a person would in the file dialog. */
        public GroupPage upload(java.nio.file.Path... files) {
            driver.findElement(By.linkText("Documents")).click();
            WebElement input = waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".document-upload input[type=file]")));
            // the per-file progress bars come and go within milliseconds on loopback: record that they appeared
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.guildhallSawProgress = 0;"
                    + "new MutationObserver(function () { var n = document.querySelectorAll('.document-upload .ui-progressbar').length;"
                    + " if (n > window.guildhallSawProgress) { window.guildhallSawProgress = n; } })"
                    + ".observe(document.body, {childList: true, subtree: true});");
            input.sendKeys(String.join("\n", java.util.Arrays.stream(files).map(f -> f.toAbsolutePath().toString()).toList()));
            return this;
        }

        /** How many per-file progress bars were showing at once during the upload. */
        public long progressBarsSeen() {
            return ((Number) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.guildhallSawProgress || 0;")).longValue();
        }

        /** Waits until the document list shows this title with this extraction state. */
        public GroupPage awaitDocument(String title, String state) {
            // the list re-renders every 2 s while extraction runs: a row read mid-update is simply read again
            new WebDriverWait(driver, Duration.ofSeconds(90)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElements(By.cssSelector(".document-list tr")).stream()
                            .anyMatch(row -> row.getText().contains(title) && row.getText().contains(state)));
            return this;
        }

        public DocumentPage openDocument(String title) {
            driver.findElement(By.linkText(title)).click();
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("document-title")));
            return new DocumentPage(driver, base);
        }

        /** The per-file results of this page's uploads. */
        public String uploadResults() {
            return driver.findElement(By.cssSelector(".upload-results")).getText();
        }

        public String members() {
            driver.findElement(By.linkText("Members")).click();
            return waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("group:sections:member-list"))).getText();
        }
    }

    /** The search box in the header of every page. */
    public record SearchBox(WebDriver driver, URI base) {

        public static SearchBox of(WebDriver driver, URI base) {
            return new SearchBox(driver, base);
        }

        /** Types into the box, as a person would, key by key. */
        public SearchBox type(String text) {
            WebElement input = driver.findElement(By.id("site-search:q_input"));
            input.click();
            input.sendKeys(text);
            return this;
        }

        /** Waits for the suggestion list to show this text and returns what it shows. */
        public java.util.List<String> suggestions(String expected) {
            By items = By.cssSelector("[id='site-search:q_panel'] .ui-autocomplete-item");
            waitFor(driver).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElements(items).stream().anyMatch(i -> i.isDisplayed() && i.getText().contains(expected)));
            return driver.findElements(items).stream().map(WebElement::getText).toList();
        }

        /** Picks the suggestion at this position (1 = first) with the arrow keys and Enter. */
        public SearchPage pickWithKeyboard(int position) {
            WebElement input = driver.findElement(By.id("site-search:q_input"));
            for (int i = 0; i < position; i++) {
                input.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
            }
            input.sendKeys(org.openqa.selenium.Keys.ENTER);
            return SearchPage.await(driver, base);
        }
    }

    /** The search page. */
    public record SearchPage(WebDriver driver, URI base) {

        static SearchPage await(WebDriver driver, URI base) {
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("result-total")));
            return new SearchPage(driver, base);
        }

        /** "2 results". */
        public String total() {
            return driver.findElement(By.id("result-total")).getText();
        }

        public String understood() {
            return driver.findElement(By.id("understood")).getText();
        }

        public java.util.List<String> titles() {
            return driver.findElements(By.cssSelector(".hit-title")).stream().map(WebElement::getText).toList();
        }

        /** The side panel's values of one facet (type, group, …) as shown: "html 1". */
        public java.util.List<String> facet(String parameter) {
            return driver.findElements(By.cssSelector(".facet-" + parameter + " .facet-value")).stream()
                    .map(e -> e.getText().replaceAll("\\s+", " ").strip()).toList();
        }

        /** Follows a facet value's link, by keyboard: focus it and press Enter. */
        public SearchPage narrow(String parameter, String value) {
            WebElement link = driver.findElements(By.cssSelector(".facet-" + parameter + " .facet-value")).stream()
                    .filter(e -> e.findElement(By.cssSelector(".facet-label")).getText().equals(value)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + parameter + " value " + value + " in " + facet(parameter)));
            String before = driver.getCurrentUrl();
            link.sendKeys(org.openqa.selenium.Keys.ENTER);
            waitFor(driver).until(d -> !d.getCurrentUrl().equals(before));
            return await(driver, base);
        }

        /** The selected filters shown above the results: "Type: html". */
        public String selectedFilters() {
            return driver.findElement(By.id("selected-filters")).getText();
        }

        public DocumentPage open(String title) {
            driver.findElement(By.linkText(title)).click();
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("document-title")));
            return new DocumentPage(driver, base);
        }
    }

    /** One announcement's page. */
    public record AnnouncementPage(WebDriver driver, URI base) {

        public String title() {
            return driver.findElement(By.id("announcement-title")).getText();
        }

        /** The committee's acknowledgement view: counts and names. */
        public String acknowledgements() {
            return driver.findElement(By.id("ann:acknowledgements")).getText();
        }
    }

    /** A document page. */
    public record DocumentPage(WebDriver driver, URI base) {

        public String state() {
            return driver.findElement(By.id("state")).getText();
        }

        public String title() {
            return driver.findElement(By.id("document-title")).getText();
        }

        /** The facts list: file, author, dates. */
        public String facts() {
            return driver.findElement(By.cssSelector("dl.facts")).getText();
        }

        public void download() {
            driver.findElement(By.id("download")).click();
        }
    }
}
