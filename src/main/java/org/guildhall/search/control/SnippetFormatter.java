package org.guildhall.search.control;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the highlighter's best passage into escaped HTML with {@code <mark>} around matches, cut
 * to one part of the document and to a readable length, and says which part it came from.
 */
final class SnippetFormatter extends PassageFormatter {

    /** Longer passages (a paragraph without full stops) are cut to a window around the first match. */
    static final int MAX_CHARS = 240;
    private static final String ELLIPSIS = "…";

    /**
     * @param part the index of the part (in the order of the body's values) holding the first
     *             match, or -1 when nothing matched and the snippet is the text's beginning
     */
    record Snippet(String html, int part) {
    }

    @Override
    public Object format(Passage[] passages, String content) {
        Passage best = null;
        for (Passage passage : passages) {
            if (best == null || passage.getNumMatches() > 0 && (best.getNumMatches() == 0 || passage.getScore() > best.getScore())) {
                best = passage;
            }
        }
        if (best == null) {
            return new Snippet("", -1);
        }
        boolean matched = best.getNumMatches() > 0;
        int anchor = matched ? best.getMatchStarts()[0] : best.getStartOffset();
        PartAt part = partAt(content, anchor);
        int partStart = part.start();
        int partEnd = content.indexOf(DocumentMapper.PART_SEPARATOR, anchor);
        int start = Math.max(best.getStartOffset(), partStart);
        int end = Math.min(best.getEndOffset(), partEnd < 0 ? content.length() : partEnd);
        int naturalStart = start;
        int naturalEnd = end;
        if (end - start > MAX_CHARS) {
            start = wordStart(content, Math.max(start, anchor - MAX_CHARS / 3), anchor);
            end = wordEnd(content, Math.min(end, start + MAX_CHARS), matched ? best.getMatchEnds()[0] : start);
        }
        StringBuilder html = new StringBuilder();
        if (start > naturalStart) {
            html.append(ELLIPSIS);
        }
        int at = start;
        for (int i = 0; matched && i < best.getNumMatches(); i++) {
            int from = Math.max(best.getMatchStarts()[i], at);
            int to = Math.min(best.getMatchEnds()[i], end);
            if (from >= to) {
                continue;
            }
            appendEscaped(html, content, at, from);
            html.append("<mark>");
            appendEscaped(html, content, from, to);
            html.append("</mark>");
            at = to;
        }
        appendEscaped(html, content, at, end);
        if (end < naturalEnd) {
            html.append(ELLIPSIS);
        }
        return new Snippet(html.toString().strip(), matched ? part.index() : -1);
    }

    /** The part holding an offset: its number (in the order of the body's values) and where it begins. */
    record PartAt(int index, int start) {
    }

    /**
     * Separators counted forwards from the start: {@code indexOf} of a char is vectorised, while
     * {@code lastIndexOf} walks back one char at a time, through the whole text before the match
     * when it has one part only; that walk was 2.5 % of a search's CPU (issue 6).
     */
    static PartAt partAt(String content, int offset) {
        int parts = 0;
        int start = 0;
        for (int i = content.indexOf(DocumentMapper.PART_SEPARATOR); i >= 0 && i < offset;
                i = content.indexOf(DocumentMapper.PART_SEPARATOR, i + 1)) {
            parts++;
            start = i + 1;
        }
        return new PartAt(parts, start);
    }

    /** The next word start at or after {@code from}, not past {@code limit}. */
    private static int wordStart(String content, int from, int limit) {
        if (from == 0 || Character.isWhitespace(content.charAt(from - 1))) {
            return from;
        }
        for (int i = from; i < limit; i++) {
            if (Character.isWhitespace(content.charAt(i))) {
                return i + 1;
            }
        }
        return from;
    }

    /** The last word end at or before {@code to}, not before {@code limit}. */
    private static int wordEnd(String content, int to, int limit) {
        for (int i = to; i > limit; i--) {
            if (i == content.length() || Character.isWhitespace(content.charAt(i))) {
                return i;
            }
        }
        return to;
    }

    /** HTML-escapes the text and makes runs of white space single spaces. */
    static void appendEscaped(StringBuilder html, String content, int from, int to) {
        boolean space = false;
        for (int i = from; i < to; i++) {
            char c = content.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = true;
                continue;
            }
            if (space) {
                html.append(' ');
                space = false;
            }
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
        if (space) {
            html.append(' ');
        }
    }
}
