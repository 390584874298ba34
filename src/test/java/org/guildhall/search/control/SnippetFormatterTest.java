package org.guildhall.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.util.BytesRef;
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

    @Test
    void aSnippetStaysInsideThePartOfItsMatchAndSaysWhichPartThatIs() {
        String text = "the file itself talks of minutes" + SEP + "the budget for next year";
        int budget = text.indexOf("budget");
        // a passage that spans the separator, as a passage of the highlighter can
        Passage passage = new Passage();
        passage.setStartOffset(0);
        passage.setEndOffset(text.length());
        passage.addMatch(budget, budget + "budget".length(), new BytesRef("budget"), 1);
        passage.setScore(1f);

        SnippetFormatter.Snippet snippet = (SnippetFormatter.Snippet) new SnippetFormatter().format(new Passage[] {passage}, text);

        assertEquals("the <mark>budget</mark> for next year", snippet.html());
        assertFalse(snippet.html().contains("minutes"), "nothing of the part before");
        assertEquals(1, snippet.part(), "the attachment after the file itself");
    }
}
