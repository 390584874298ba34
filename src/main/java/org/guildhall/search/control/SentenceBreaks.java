package org.guildhall.search.control;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;

/**
 * Sentence boundaries for snippets, found by scanning the text: a boundary is where a sentence
 * starts after a full stop, question or exclamation mark, or a line break, and whitespace.
 * <p>
 * Why not the JDK's sentence instance: the search benchmark (issue 6) found 40 % of the
 * highlighter's time in {@code RuleBasedBreakIterator}, which runs its rule tables over a
 * {@link CharacterIterator} for each call. Snippets only need a passage of about a sentence
 * around a match; abbreviations ("e.g. this") may end a passage early, which costs nothing but
 * a shorter snippet.
 */
final class SentenceBreaks extends BreakIterator {

    private String text = "";
    private int current;

    @Override
    public int first() {
        current = 0;
        return current;
    }

    @Override
    public int last() {
        current = text.length();
        return current;
    }

    @Override
    public int next(int n) {
        int result = current;
        for (int i = 0; i < n && result != DONE; i++) {
            result = next();
        }
        for (int i = 0; i > n && result != DONE; i--) {
            result = previous();
        }
        return result;
    }

    @Override
    public int next() {
        if (current >= text.length()) {
            return DONE;
        }
        current = following(current);
        return current;
    }

    @Override
    public int previous() {
        if (current <= 0) {
            return DONE;
        }
        current = preceding(current);
        return current;
    }

    @Override
    public int following(int offset) {
        check(offset);
        if (offset >= text.length()) {
            current = text.length();
            return DONE;
        }
        int i = offset + 1;
        while (i < text.length() && !isBoundary(i)) {
            i++;
        }
        current = i;
        return current;
    }

    @Override
    public int preceding(int offset) {
        check(offset);
        if (offset <= 0) {
            current = 0;
            return DONE;
        }
        int i = offset - 1;
        while (i > 0 && !isBoundary(i)) {
            i--;
        }
        current = i;
        return current;
    }

    @Override
    public boolean isBoundary(int offset) {
        check(offset);
        if (offset == 0 || offset == text.length()) {
            return true;
        }
        if (Character.isWhitespace(text.charAt(offset)) || !Character.isWhitespace(text.charAt(offset - 1))) {
            return false;
        }
        // a sentence starts here when the whitespace before it holds a line break or follows an end mark
        int i = offset - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2029') {
                return true;
            }
            i--;
        }
        if (i < 0) {
            return false;
        }
        char end = text.charAt(i);
        return end == '.' || end == '?' || end == '!' || end == '\u3002';
    }

    @Override
    public int current() {
        return current;
    }

    @Override
    public CharacterIterator getText() {
        return new StringCharacterIterator(text);
    }

    @Override
    public void setText(String newText) {
        text = newText == null ? "" : newText;
        current = 0;
    }

    @Override
    public void setText(CharacterIterator newText) {
        StringBuilder copy = new StringBuilder(newText.getEndIndex() - newText.getBeginIndex());
        for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
            copy.append(c);
        }
        setText(copy.toString());
    }

    private void check(int offset) {
        if (offset < 0 || offset > text.length()) {
            throw new IllegalArgumentException("Offset " + offset + " is outside the text (0.." + text.length() + ")");
        }
    }
}
