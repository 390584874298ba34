package org.guildhall.search.control;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.search.control.ParsedQuery.Form;
import org.guildhall.search.control.ParsedQuery.QueryTerm;
import org.guildhall.search.control.QueryLexer.Token;

/**
 * Reads what people type into the search box: plain words, "quoted phrases", -excluded words,
 * OR, prefix*, and the filters group:, tag:, type:, author:, after:, before:. It never throws:
 * malformed input ("unclosed, AND OR, *foo, a pasted page) is read as literally as possible,
 * and what was made of it is in {@link ParsedQuery#understood()}.
 */
public final class SearchQueryParser {

    private static final Logger LOG = Logger.getLogger(SearchQueryParser.class.getName());

    /** Longer input is cut here before reading: a pasted book gets its first page searched. */
    static final int MAX_INPUT_CHARS = 10_000;
    /**
     * Words, phrases, prefixes and exclusions together. A word becomes up to fourteen clauses
     * (seven fields, twice for the coverage score), and Lucene refuses a query of more than
     * 1,024 clauses in all.
     */
    static final int MAX_TERMS = 48;
    static final int MAX_WORD_CHARS = 100;
    static final int MAX_PHRASE_CHARS = 500;
    /** A one-letter prefix would expand to a large part of the vocabulary and rank nothing. */
    static final int MIN_PREFIX_CHARS = 2;

    public ParsedQuery parse(String input) {
        String text = input == null ? "" : input;
        try {
            return read(text);
        } catch (RuntimeException e) {
            // a bug in here must not become an error page; the user sees an empty "understood"
            LOG.log(Level.WARNING, e, () -> "Could not read a query of " + text.length() + " characters");
            return ParsedQuery.EMPTY;
        }
    }

    private static ParsedQuery read(String input) {
        QueryReading reading = new QueryReading();
        String text = input;
        if (text.length() > MAX_INPUT_CHARS) {
            text = cut(text, MAX_INPUT_CHARS);
            reading.truncated = true;
        }
        boolean or = false;
        boolean not = false;
        for (Token token : QueryLexer.tokens(text)) {
            boolean negated = token.negated() || not;
            if (token.filter() != null && reading.filter(token.filter(), token.text(), negated)) {
                or = false;
                not = false;
                continue;
            }
            String word = token.filter() != null ? token.raw() : token.text();
            if (!token.quoted() && token.filter() == null) {
                switch (word) {
                    case "OR", "|", "||" -> {
                        or = true;
                        continue;
                    }
                    // words are combined by default; AND adds nothing the ranking does not
                    case "AND", "&&" -> {
                        continue;
                    }
                    case "NOT" -> {
                        not = true;
                        continue;
                    }
                    default -> {
                    }
                }
            }
            QueryTerm term = token.quoted() ? phrase(word) : word(word);
            if (term != null) {
                if (negated) {
                    reading.exclude(term);
                } else {
                    reading.add(term, or);
                }
            }
            or = false;
            not = false;
        }
        return reading.result();
    }

    /**
     * A bare word: parentheses mean nothing here and are dropped, and so are wildcards at its
     * start ("*foo" is "foo"); "bud*" is a prefix when what precedes the star is letters and
     * digits, at least {@value #MIN_PREFIX_CHARS} of them. Wildcards inside a word are left to
     * the analyzer, which splits the word there. Null when nothing searchable is left.
     */
    static QueryTerm word(String raw) {
        String word = raw.replace("(", "").replace(")", "");
        int start = 0;
        while (start < word.length() && "+*?".indexOf(word.charAt(start)) >= 0) {
            start++;
        }
        int end = word.length();
        while (end > start && "*?".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        boolean prefix = word.substring(end).contains("*");
        word = cut(word.substring(start, end), MAX_WORD_CHARS);
        if (!searchable(word)) {
            return null;
        }
        if (prefix && word.length() >= MIN_PREFIX_CHARS && word.codePoints().allMatch(Character::isLetterOrDigit)) {
            return new QueryTerm(word, Form.PREFIX);
        }
        return new QueryTerm(word, Form.WORD);
    }

    /** Quoted text with its white space made single; null when nothing searchable is inside. */
    static QueryTerm phrase(String raw) {
        String phrase = cut(raw.strip().replaceAll("\\s+", " "), MAX_PHRASE_CHARS);
        return searchable(phrase) ? new QueryTerm(phrase, Form.PHRASE) : null;
    }

    static boolean searchable(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** The first {@code max} characters, without splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
