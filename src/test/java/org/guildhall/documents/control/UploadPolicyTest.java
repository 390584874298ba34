package org.guildhall.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.detect.DefaultDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy with Tika's real detectors, on files made here: the type comes from the bytes, never the name. */
class UploadPolicyTest {

    @TempDir
    Path staging;

    UploadPolicy cut(long maxBytes) {
        return new UploadPolicy(maxBytes, UploadPolicy.DEFAULT_ALLOWED, staging, new DefaultDetector());
    }

    @Test
    void aPdfIsStagedWithItsHashAndType() throws Exception {
        byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        StagedFile staged = cut(1000).stage(new ByteArrayInputStream(pdf), "../Minutes.pdf");
        assertEquals("application/pdf", staged.mediaType());
        assertEquals("Minutes.pdf", staged.fileName());
        assertEquals(pdf.length, staged.size());
        assertEquals(64, staged.sha256().length());
        assertTrue(Files.exists(staged.file()));
    }

    @Test
    void aProgramNamedPdfIsRefusedAndNothingIsLeft() throws Exception {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        UploadRejected rejected = assertThrows(UploadRejected.class, () -> cut(10_000).stage(new ByteArrayInputStream(exe), "report.pdf"));
        assertTrue(rejected.getMessage().contains("not accepted"), rejected.getMessage());
        assertEmptyStaging();
    }

    @Test
    void htmlNamedPdfIsTakenForWhatItIs() throws Exception {
        byte[] html = "<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        StagedFile staged = cut(10_000).stage(new ByteArrayInputStream(html), "a.pdf");
        assertEquals("text/html", staged.mediaType(), "served later as an HTML attachment, never as a PDF");
    }

    @Test
    void emptyFilesAreRefused() {
        UploadRejected rejected = assertThrows(UploadRejected.class, () -> cut(100).stage(new ByteArrayInputStream(new byte[0]), "empty.txt"));
        assertTrue(rejected.getMessage().contains("empty"));
        assertEmptyStaging();
    }

    @Test
    void theLimitIsEnforcedWhileStreaming() {
        long[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'a');
                read[0] += len;
                return len;
            }
        };
        UploadRejected rejected = assertThrows(UploadRejected.class, () -> cut(1024 * 1024).stage(endless, "big.txt"));
        assertTrue(rejected.getMessage().contains("larger than the limit of 1 MB"), rejected.getMessage());
        assertTrue(read[0] < 2 * 1024 * 1024, "stopped reading soon after the limit, not at the end");
        assertEmptyStaging();
    }

    @Test
    void officeFilesAreRecognisedInsideTheirZipWhateverTheirName() throws Exception {
        Path docx = Path.of(System.getProperty("it.corpus", "../shared/corpus/documents"), "tika/tika-parser-microsoft-module/testWORD.docx");
        try (InputStream in = Files.newInputStream(docx)) {
            StagedFile staged = cut(10_000_000).stage(in, "notes.zip");
            assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", staged.mediaType());
        }
    }

    @Test
    void everythingButProgramsWithTheWildcard() throws Exception {
        UploadPolicy anything = new UploadPolicy(10_000, java.util.List.of("*"), staging, new DefaultDetector());
        assertTrue(anything.isAllowed("audio/mpeg"));
        assertTrue(!anything.isAllowed("application/x-dosexec"));
    }

    private void assertEmptyStaging() {
        try (var files = Files.list(staging)) {
            assertEquals(0, files.count(), "a refused upload leaves no file behind");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
