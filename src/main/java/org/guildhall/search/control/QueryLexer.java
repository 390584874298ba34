package org.guildhall.search.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts typed text into raw tokens: bare words, quoted phrases and name:value filters, each
 * perhaps negated by a leading minus. It has no error state: an unclosed quote runs to the end
 * of the text, a lone minus is dropped, and every other character lands in some token.
 */
final class QueryLexer {

    static final Set<String> FILTER_NAMES = Set.of("group", "tag", "type", "author", "after", "before");

    /**
     * @param text    the word, phrase or filter value, without quotes
     * @param quoted  it was in quotes
     * @param negated a minus stood before it
     * @param filter  the filter name in lower case, or null for words and phrases
     * @param raw     the token as typed, for a filter whose value turns out not to be one
     */
    record Token(String text, boolean quoted, boolean negated, String filter, String raw) {
    }

    private QueryLexer() {
    }

    static List<Token> tokens(String input) {
        List<Token> tokens = new ArrayList<>();
        int length = input.length();
        int i = 0;
        while (i < length) {
            if (Character.isWhitespace(input.charAt(i))) {
                i++;
                continue;
            }
            boolean negated = false;
            while (i < length && input.charAt(i) == '-') {
                negated = true;
                i++;
            }
            if (i >= length || Character.isWhitespace(input.charAt(i))) {
                continue;
            }
            if (input.charAt(i) == '"') {
                int end = closingQuote(input, i);
                tokens.add(new Token(input.substring(i + 1, end), true, negated, null, input.substring(i, Math.min(end + 1, length))));
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(input.charAt(i)) && input.charAt(i) != '"') {
                i++;
            }
            String word = input.substring(start, i);
            int colon = word.indexOf(':');
            String name = colon > 0 ? word.substring(0, colon).toLowerCase(Locale.ROOT) : null;
            if (name == null || !FILTER_NAMES.contains(name)) {
                tokens.add(new Token(word, false, negated, null, word));
                continue;
            }
            String value = word.substring(colon + 1);
            if (value.isEmpty() && i < length && input.charAt(i) == '"') {
                // tag:"annual meeting"
                int end = closingQuote(input, i);
                value = input.substring(i + 1, end);
                word = word + input.substring(i, Math.min(end + 1, length));
                i = end + 1;
            }
            tokens.add(new Token(value, false, negated, name, word));
        }
        return tokens;
    }

    /** The index of the quote closing the one at {@code open}, or the text's length when none does. */
    private static int closingQuote(String input, int open) {
        int end = input.indexOf('"', open + 1);
        return end < 0 ? input.length() : end;
    }
}
