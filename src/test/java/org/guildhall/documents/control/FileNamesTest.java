package org.guildhall.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void foldersAreDropped() {
        assertEquals("x", FileNames.clean("../../x"));
        assertEquals("passwd", FileNames.clean("/etc/passwd"));
        assertEquals("evil.pdf", FileNames.clean("C:\\Windows\\..\\evil.pdf"));
        assertEquals(FileNames.FALLBACK, FileNames.clean(".."));
        assertEquals(FileNames.FALLBACK, FileNames.clean("../"));
        assertEquals(FileNames.FALLBACK, FileNames.clean(null));
    }

    @Test
    void controlAndBidiCharactersAreRemoved() {
        assertEquals("a.pdf.exe", FileNames.clean("a.pdf\u0000.exe"));
        assertEquals("a.pdf%00.exe", FileNames.clean("a.pdf%00.exe"), "a percent sign is just a character");
        // "invoice_\u202Efdp.exe" shows as invoice_exe.pdf; without the override it reads as what it is
        assertEquals("invoice_fdp.exe", FileNames.clean("invoice_\u202Efdp.exe"));
        assertEquals("line break.txt", FileNames.clean("line\r\nbreak.txt"));
        assertEquals("zero width.txt", FileNames.clean("zero\u200B width.txt"));
    }

    @Test
    void namesAreNfc() {
        String nfd = Normalizer.normalize("Réunion café.docx", Normalizer.Form.NFD);
        String cleaned = FileNames.clean(nfd);
        assertEquals("Réunion café.docx", cleaned);
        assertTrue(Normalizer.isNormalized(cleaned, Normalizer.Form.NFC));
    }

    @Test
    void longNamesKeepTheirExtension() {
        String cleaned = FileNames.clean("a".repeat(10_000) + ".pdf");
        assertEquals(255, cleaned.length());
        assertTrue(cleaned.endsWith("a.pdf"));
        assertFalse(FileNames.clean("😀".repeat(300)).contains("\uFFFD"), "surrogate pairs are not split");
    }

    @Test
    void extensionsAreLowerCase() {
        assertEquals("pdf", FileNames.extension("Minutes.PDF"));
        assertEquals("", FileNames.extension("README"));
    }

    @Test
    void utf8ReadAsLatin1IsRepaired() {
        String misread = new String("Procès-verbal.txt".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("Procès-verbal.txt", FileNames.fromLatin1Misreading(misread));
        assertEquals("Ærø.txt", FileNames.fromLatin1Misreading("Ærø.txt"), "real Latin-1 that is not UTF-8 stays");
        assertEquals("plain.txt", FileNames.fromLatin1Misreading("plain.txt"));
    }
}
