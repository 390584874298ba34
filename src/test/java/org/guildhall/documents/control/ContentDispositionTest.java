package org.guildhall.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void asciiNamesAppearTwice() {
        assertEquals("attachment; filename=\"minutes.pdf\"; filename*=UTF-8''minutes.pdf", ContentDisposition.attachment("minutes.pdf"));
    }

    @Test
    void unicodeIsPercentEncodedAndReplacedInTheFallback() {
        assertEquals("attachment; filename=\"R_union caf_.docx\"; filename*=UTF-8''R%C3%A9union%20caf%C3%A9.docx",
                ContentDisposition.attachment("Réunion café.docx"));
    }

    @Test
    void nothingBreaksOutOfTheHeader() {
        String header = ContentDisposition.attachment("a\"; filename=evil.html\r\nSet-Cookie: x=y.pdf");
        assertFalse(header.contains("\r") || header.contains("\n"));
        assertEquals(2, header.chars().filter(c -> c == '"').count(), header);
    }
}
