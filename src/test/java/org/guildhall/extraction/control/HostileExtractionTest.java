package org.guildhall.extraction.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.guildhall.extraction.control.ExtractionResult.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated hostile files through the real forked extractor: each ends in a terminal state with a
 * reason (or, cut at the limits, with the text up to them) within the timeout, reads no local
 * file, calls no server, and the next ordinary file extracts. Over HTTP: {@code HostileIT}.
 */
class HostileExtractionTest {

    static final long TIMEOUT_MILLIS = 30_000;

    @TempDir
    static Path files;
    @TempDir
    static Path work;
    static ForkedExtractor cut;
    static HttpServer bait;
    static final List<String> requests = new CopyOnWriteArrayList<>();
    static String baitUrl;

    @BeforeAll
    static void start() throws IOException {
        bait = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bait.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] body = "LEAKED-BY-XXE".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bait.start();
        baitUrl = "http://127.0.0.1:" + bait.getAddress().getPort() + "/xxe";
        cut = new ForkedExtractor(new ExtractorSettings(files, work, ExtractorSettings.currentJava(),
                System.getProperty("java.class.path"), 2, TIMEOUT_MILLIS, 256, 1_000_000, 100));
    }

    @AfterAll
    static void stop() {
        if (cut != null) {
            cut.close();
        }
        if (bait != null) {
            bait.stop(0);
        }
    }

    ExtractionResult extract(String name, byte[] content) {
        HostileFiles.write(files, name, content);
        long start = System.nanoTime();
        ExtractionResult result = cut.extract(name);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < TIMEOUT_MILLIS + 15_000, name + " took " + millis + " ms");
        assertNotNull(result.outcome());
        if (result.outcome() != Outcome.DONE) {
            assertFalse(result.reason() == null || result.reason().isBlank(), name + ": a reason");
        }
        assertFalse(result.text().contains(HostileFiles.PASSWD_LINE), name + " reached /etc/passwd");
        assertFalse(result.text().contains("LEAKED-BY-XXE"), name + " fetched the bait");
        return result;
    }

    void assertNextFileExtracts() {
        ExtractionResult next = extract("after.docx", HostileFiles.plainDocx("Ordinary minutes after the storm"));
        assertEquals(Outcome.DONE, next.outcome(), next::reason);
        assertTrue(next.text().contains("Ordinary minutes after the storm"), next::text);
    }

    @Test
    void aDocxWhosePartInflatesToGigabytesFailsInItsChildOnly() {
        byte[] bomb = HostileFiles.docxBomb(2);
        assertTrue(bomb.length < 8 * 1024 * 1024, "small on disk: " + bomb.length);

        ExtractionResult result = extract("bomb.docx", bomb);

        // Word's parser builds the part in memory: the child's heap cap stops it, and says so
        assertEquals(Outcome.FAILED, result.outcome(), result::reason);
        assertTrue(result.reason().equals(PipesResultReader.TOO_BIG) || result.reason().startsWith("Extraction ran out of memory"),
                result.reason());
        assertNextFileExtracts();
    }

    @Test
    void nestedZipsStopAtTheLimits() {
        ExtractionResult result = extract("nested.zip", HostileFiles.nestedZips(4, 8));

        // the text up to the write limit is kept; the rest is not unpacked
        assertTrue(Set.of(Outcome.DONE, Outcome.FAILED).contains(result.outcome()), result.outcome() + ": " + result.reason());
        int total = result.parts().stream().mapToInt(p -> p.text().length()).sum();
        assertTrue(total <= 1_000_000, total + " characters");
        assertNextFileExtracts();
    }

    @Test
    void billionLaughsInADocxFails() {
        ExtractionResult result = extract("laughs.docx", HostileFiles.docxBillionLaughs());

        assertEquals(Outcome.FAILED, result.outcome(), result::reason);
        assertEquals(PipesResultReader.DOCTYPE, result.reason());
        assertFalse(result.text().contains("lollollol"), "the entities were not expanded");
        assertNextFileExtracts();
    }

    @Test
    void billionLaughsInAnSvgIsNotExpanded() {
        ExtractionResult result = extract("laughs.svg", HostileFiles.svgBillionLaughs());

        // Tika's SVG parser stops expanding early (a few "lol"s come out), never a billion
        assertTrue(Set.of(Outcome.DONE, Outcome.FAILED, Outcome.EMPTY).contains(result.outcome()), result.outcome() + ": " + result.reason());
        assertTrue(result.text().length() < 10_000, result.text().length() + " characters");
        assertNextFileExtracts();
    }

    @Test
    void externalEntitiesInADocxReadNothingAndCallNobody() {
        ExtractionResult result = extract("xxe.docx", HostileFiles.docxXxe(baitUrl));

        assertEquals(Outcome.FAILED, result.outcome(), result::reason);
        assertEquals(PipesResultReader.DOCTYPE, result.reason());
        assertEquals(List.of(), requests, "no request reached the bait server");
    }

    @Test
    void externalEntitiesInAnXfaPdfReadNothingAndCallNobody() {
        ExtractionResult result = extract("xfa.pdf", HostileFiles.pdfXfaXxe(baitUrl));

        assertEquals(Outcome.DONE, result.outcome(), result::reason);
        assertTrue(result.text().contains("Membership form with XFA"), result::text);
        assertEquals(List.of(), requests, "no request reached the bait server");
    }

    @Test
    void aTenThousandPagePdfEndsWithinTheTimeout() {
        byte[] pdf = HostileFiles.manyPagePdf(10_000);
        assertTrue(pdf.length < 8 * 1024 * 1024, "fits the upload limit: " + pdf.length);

        ExtractionResult result = extract("pages.pdf", pdf);

        assertTrue(Set.of(Outcome.DONE, Outcome.TIMEOUT).contains(result.outcome()), result.outcome() + ": " + result.reason());
        if (result.outcome() == Outcome.DONE) {
            assertTrue(result.text().length() <= 1_000_000, "cut at the write limit");
            assertTrue(result.text().contains("Page after page"));
        }
        assertNextFileExtracts();
    }

    @Test
    void aPixelFloodIsAnImageWithoutText() {
        ExtractionResult result = extract("flood.png", HostileFiles.pixelFlood(100_000, 100_000));

        assertTrue(Set.of(Outcome.EMPTY, Outcome.FAILED).contains(result.outcome()), result.outcome() + ": " + result.reason());
        assertNextFileExtracts();
    }

    @Test
    void polyglotsAreReadAsWhatTheyStartAs() {
        ExtractionResult pdf = extract("polyglot.pdf", HostileFiles.pdfZipHtmlPolyglot("Polyglot committee paper"));
        assertEquals(Outcome.DONE, pdf.outcome(), pdf::reason);
        assertTrue(pdf.text().contains("Polyglot committee paper"), pdf::text);
        assertFalse(pdf.text().contains("alert("), "the appended page is not read as the document");
        assertEquals("application/pdf", pdf.metadata().contentType());

        ExtractionResult gif = extract("polyglot.gif", HostileFiles.gifScriptPolyglot());
        assertTrue(Set.of(Outcome.EMPTY, Outcome.FAILED).contains(gif.outcome()), gif.outcome() + ": " + gif.reason());
        assertFalse(gif.text().contains("alert("));
    }
}
