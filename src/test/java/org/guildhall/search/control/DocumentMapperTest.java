package org.guildhall.search.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexOptions;
import org.guildhall.search.control.SearchDocument.Kind;
import org.guildhall.search.control.SearchDocument.Part;
import org.junit.jupiter.api.Test;

class DocumentMapperTest {

    private final DocumentMapper cut = new DocumentMapper();

    private static SearchDocument email() {
        return new SearchDocument("doc-6", Kind.DOCUMENT, 2, "Garden", "Seed swap", List.of(
                new Part(null, "Notes\u0000attached."),
                new Part("/blank.txt", "  \n "),
                new Part("/minutes.docx", "Tomatoes.")),
                "seed-swap.eml", List.of("Seeds ", "annual  meeting"), "Gertrude Jekyll", "email",
                Instant.parse("2025-09-02T10:00:00Z"), 3);
    }

    @Test
    void partsAndTheirPathsStayInStepWithoutBlankParts() {
        Document doc = cut.map(email());
        assertArrayEquals(new String[] {"Notes attached.", "Tomatoes."}, doc.getValues(Fields.BODY));
        assertArrayEquals(new String[] {"", "/minutes.docx"}, doc.getValues(Fields.PART));
        assertEquals(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS, doc.getField(Fields.BODY).fieldType().indexOptions());
    }

    @Test
    void keywordsAreNormalisedAndTheGroupIdIsNotStored() {
        Document doc = cut.map(email());
        assertEquals("garden", doc.get(Fields.GROUP));
        assertArrayEquals(new String[] {"seeds", "annual meeting"}, doc.getValues(Fields.TAG));
        assertEquals("2025", doc.getField(Fields.YEAR).stringValue());
        assertFalse(doc.getField(Fields.GROUP_ID).fieldType().stored(), "the permission term is never shown");
        assertEquals(1756807200000L, doc.getField(Fields.DATE).numericValue().longValue());
        assertEquals(3, doc.getField(Fields.VERSION).numericValue().intValue());
    }

    @Test
    void announcementsAreTypedAsSuch() {
        SearchDocument announcement = new SearchDocument("ann-7", Kind.ANNOUNCEMENT, 1, "chess", "Club night", null,
                null, null, null, null, Instant.parse("2026-02-01T00:00:00Z"), 1);
        Document doc = cut.map(announcement);
        assertEquals("announcement", doc.get(Fields.TYPE));
        assertNull(doc.get(Fields.AUTHOR));
        assertEquals(0, doc.getValues(Fields.BODY).length);
    }

    @Test
    void attachmentNamesLoseOnlyTheLeadingSlash() {
        assertEquals("minutes.docx", DocumentMapper.attachmentName("/minutes.docx"));
        assertEquals("mail.eml/budget.xlsx", DocumentMapper.attachmentName("/mail.eml/budget.xlsx"));
    }
}
