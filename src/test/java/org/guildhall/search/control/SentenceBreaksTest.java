package org.guildhall.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceBreaksTest {

    static final String TEXT = "One. Two?  Three!\nFour\n\nfive six";

    @Test
    void sentencesStartAfterEndMarksAndLineBreaks() {
        assertEquals(List.of(0, 5, 11, 18, 24, 32), forward(TEXT));
    }

    @Test
    void backwardsGivesTheSameBoundaries() {
        BreakIterator breaks = new SentenceBreaks();
        breaks.setText(TEXT);
        List<Integer> seen = new ArrayList<>();
        for (int b = breaks.last(); b != BreakIterator.DONE; b = breaks.previous()) {
            seen.addFirst(b);
        }
        assertEquals(forward(TEXT), seen);
    }

    @Test
    void followingAndPrecedingFromInsideASentence() {
        BreakIterator breaks = new SentenceBreaks();
        breaks.setText(TEXT);
        assertEquals(11, breaks.following(7));
        assertEquals(5, breaks.preceding(7));
        assertEquals(5, breaks.preceding(11));
        assertEquals(11, breaks.following(5));
        assertEquals(BreakIterator.DONE, breaks.following(TEXT.length()));
        assertEquals(BreakIterator.DONE, breaks.preceding(0));
        assertTrue(breaks.isBoundary(18));
        assertFalse(breaks.isBoundary(19));
        assertThrows(IllegalArgumentException.class, () -> breaks.following(TEXT.length() + 1));
    }

    @Test
    void noEndMarkMeansOneSentence() {
        assertEquals(List.of(0, 17), forward("a 3.5 b, c d e f"+ "g"));
        assertEquals(List.of(0), forward(""));
    }

    static List<Integer> forward(String text) {
        BreakIterator breaks = new SentenceBreaks();
        breaks.setText(text);
        List<Integer> seen = new ArrayList<>();
        for (int b = breaks.first(); b != BreakIterator.DONE; b = breaks.next()) {
            seen.add(b);
        }
        return seen;
    }
}
