package org.guildhall.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SnippetFormatterTest {

    private static final String SEP = String.valueOf(DocumentMapper.PART_SEPARATOR);

    @Test
    void aMatchInTheOnlyPartIsInPartZeroFromTheStart() {
        String text = "minutes of the annual meeting";
        assertEquals(0, SnippetFormatter.partAt(text, text.indexOf("annual")).index());
        assertEquals(0, SnippetFormatter.partAt(text, text.indexOf("annual")).start());
        assertEquals(0, SnippetFormatter.partAt(text, 0).index());
    }

    @Test
    void aMatchInALaterPartNamesThatPartAndWhereItBegins() {
        String text = "the file itself" + SEP + "first attachment" + SEP + "second attachment with budget";
        int budget = text.indexOf("budget");
        assertEquals(2, SnippetFormatter.partAt(text, budget).index(), "two separators before the match");
        assertEquals(text.indexOf("second"), SnippetFormatter.partAt(text, budget).start());
        int first = text.indexOf("first");
        assertEquals(1, SnippetFormatter.partAt(text, first).index(), "a match right after a separator is in the part it begins");
        assertEquals(first, SnippetFormatter.partAt(text, first).start());
    }
}
