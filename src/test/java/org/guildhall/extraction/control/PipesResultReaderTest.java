package org.guildhall.extraction.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.pipes.PipesResult;
import org.apache.tika.pipes.emitter.EmitData;
import org.apache.tika.pipes.emitter.EmitKey;
import org.guildhall.extraction.control.ExtractionResult.Outcome;
import org.guildhall.extraction.control.ExtractionResult.Part;
import org.junit.jupiter.api.Test;

/** The mapping from what a child sent back to what the uploader reads, without forking anything. */
class PipesResultReaderTest {

    static final String POI_ENCRYPTED = """
            org.apache.poi.EncryptedDocumentException: Cannot process encrypted office files!
            \tat org.apache.tika.parser.microsoft.OfficeParser.parse(OfficeParser.java:180)
            """;
    static final String TRUNCATED_ZIP = """
            org.apache.tika.exception.TikaException: TIKA-198: Illegal IOException from org.apache.tika.parser.pkg.PackageParser@1
            \tat org.apache.tika.parser.CompositeParser.parse(CompositeParser.java:304)
            Caused by: java.io.EOFException: Unexpected end of ZLIB input stream
            \tat java.base/java.util.zip.InflaterInputStream.fill(InflaterInputStream.java:266)
            \t... 12 more
            """;

    final PipesResultReader cut = new PipesResultReader(60_000, 512);

    @Test
    void textWithoutErrorsIsDoneWithEmbeddedPartsThatHoldText() {
        ExtractionResult result = cut.read(parsed(null, container("Minutes of the meeting"),
                embedded("/agenda.docx", "Agenda"), embedded("/logo.png", " \n")));

        assertEquals(Outcome.DONE, result.outcome());
        assertNull(result.reason());
        assertEquals(List.of(new Part(null, "Minutes of the meeting"), new Part("/agenda.docx", "Agenda")),
                result.parts());
    }

    @Test
    void onlyWhiteSpaceIsEmpty() {
        ExtractionResult result = cut.read(parsed(null, container("\n\n  \t"), embedded("/scan.tif", "")));

        assertEquals(Outcome.EMPTY, result.outcome());
        assertEquals(PipesResultReader.EMPTY, result.reason());
    }

    @Test
    void aPasswordEndsEncryptedWhateverWrapsIt() {
        Metadata wrapped = container("");
        wrapped.set(TikaCoreProperties.CONTAINER_EXCEPTION,
                "org.apache.tika.exception.TikaException: wrapped\nCaused by: " + POI_ENCRYPTED);

        assertEquals(Outcome.ENCRYPTED, cut.read(parsed(POI_ENCRYPTED, withStack(container(""), POI_ENCRYPTED))).outcome());
        assertEquals(Outcome.ENCRYPTED, cut.read(parsed("x", wrapped)).outcome());
        Metadata flagged = container("");
        flagged.set(TikaCoreProperties.IS_ENCRYPTED, "true");
        assertEquals(Outcome.ENCRYPTED, cut.read(parsed(null, flagged)).outcome());
    }

    @Test
    void aPdfForOtherRecipientsIsEncryptedNotDamaged() {
        String stack = """
                org.apache.tika.exception.TikaException: Unable to extract PDF content
                Caused by: java.io.IOException: Provided decryption material is not compatible with the document - did you pass a null keyStore?
                """;

        ExtractionResult result = cut.read(parsed(stack, withStack(container(""), stack)));

        assertEquals(Outcome.ENCRYPTED, result.outcome());
        assertEquals(PipesResultReader.CERTIFICATE, result.reason());
    }

    @Test
    void aParseErrorWithoutTextFailsWithTheRootCause() {
        ExtractionResult result = cut.read(parsed(TRUNCATED_ZIP, withStack(container(""), TRUNCATED_ZIP)));

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("The file is damaged or not what its type says: Unexpected end of ZLIB input stream",
                result.reason());
    }

    @Test
    void aParseErrorAfterSomeTextKeepsTheText() {
        ExtractionResult result = cut.read(parsed(TRUNCATED_ZIP, withStack(container("First page"), TRUNCATED_ZIP)));

        assertEquals(Outcome.DONE, result.outcome());
        assertEquals("First page", result.text());
    }

    @Test
    void anXmlErrorSaysWhatWithoutWhere() {
        assertEquals("Content is not allowed in prolog.", PipesResultReader.rootCause(
                "org.xml.sax.SAXParseException; lineNumber: 1; columnNumber: 1; Content is not allowed in prolog.\n"));
        assertEquals("Element type \"w:styles\" must be followed by either attribute specifications, \">\" or \"/>\".",
                PipesResultReader.rootCause("org.apache.tika.exception.TikaException: x\nCaused by: org.xml.sax.SAXParseException; "
                        + "systemId: file://; lineNumber: 2; columnNumber: 78; Element type \"w:styles\" must be followed by "
                        + "either attribute specifications, \">\" or \"/>\".\n"));
    }

    @Test
    void aMemoryLimitIsNotDamage() {
        String stack = "org.apache.tika.exception.TikaMemoryLimitException: Could not create CompressorInputStream.\n";

        ExtractionResult result = cut.read(parsed(stack, withStack(container(""), stack)));

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals(PipesResultReader.TOO_BIG, result.reason());
    }

    @Test
    void aCauseWithoutMessageIsNamedByItsClass() {
        assertEquals("NullPointerException", PipesResultReader.rootCause(
                "java.lang.NullPointerException\n\tat x.Y.z(Y.java:1)\n"));
    }

    @Test
    void deathsOfTheChildSayWhatHappened() {
        Metadata detected = new Metadata();
        detected.set(Metadata.CONTENT_TYPE, "application/onenote; format=one");
        PipesResult oom = new PipesResult(PipesResult.STATUS.OOM, new EmitData(new EmitKey(), List.of(detected)), true);

        ExtractionResult outOfMemory = cut.read(oom);
        ExtractionResult timeout = cut.read(PipesResult.TIMEOUT);
        ExtractionResult crash = cut.read(PipesResult.UNSPECIFIED_CRASH);

        assertEquals(Outcome.FAILED, outOfMemory.outcome());
        assertEquals("Extraction ran out of memory (limit 512 MB).", outOfMemory.reason());
        assertEquals("application/onenote; format=one", outOfMemory.metadata().contentType());
        assertEquals(Outcome.TIMEOUT, timeout.outcome());
        assertEquals("Extraction took longer than 60 seconds and was stopped.", timeout.reason());
        assertEquals(Outcome.FAILED, crash.outcome());
        assertEquals(PipesResultReader.CRASHED, crash.reason());
    }

    @Test
    void containerMetadata() {
        Metadata m = container("text");
        m.set(TikaCoreProperties.TITLE, " Annual report ");
        m.add(TikaCoreProperties.CREATOR, "Ada");
        m.add(TikaCoreProperties.CREATOR, "Grace");
        m.set(TikaCoreProperties.CREATED, "2024-03-01T10:15:00Z");
        m.set(TikaCoreProperties.LANGUAGE, "de-CH");
        m.set(PagedText.N_PAGES, 12);
        m.set(Metadata.CONTENT_TYPE, "application/pdf");

        DocumentMetadata metadata = cut.read(parsed(null, m)).metadata();

        assertEquals(new DocumentMetadata("Annual report", "Ada, Grace", java.time.Instant.parse("2024-03-01T10:15:00Z"),
                "de-CH", 12, "application/pdf"), metadata);
    }

    static PipesResult parsed(String stack, Metadata... documents) {
        EmitData data = new EmitData(new EmitKey(), List.of(documents), stack);
        return stack == null ? new PipesResult(data) : new PipesResult(data, stack);
    }

    static Metadata container(String text) {
        Metadata m = new Metadata();
        m.set(TikaCoreProperties.TIKA_CONTENT, text);
        return m;
    }

    static Metadata embedded(String path, String text) {
        Metadata m = container(text);
        m.set(TikaCoreProperties.EMBEDDED_RESOURCE_PATH, path);
        return m;
    }

    static Metadata withStack(Metadata m, String stack) {
        m.set(TikaCoreProperties.CONTAINER_EXCEPTION, stack);
        return m;
    }
}
