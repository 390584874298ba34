package org.guildhall.search.control;

import java.time.LocalDate;
import java.util.List;

/**
 * A typed query as {@link SearchQueryParser} read it. Plain words and prefixes are optional:
 * a document needs one of them, and ranks higher the more it has. Quoted phrases and OR groups
 * are required (a group needs one of its alternatives). Excluded terms and excluded filters
 * must not match; filters must (several values of one filter: any of them).
 *
 * @param terms           plain words, as typed
 * @param phrases         quoted text, matched exactly (unstemmed); one quoted word is an exact word
 * @param prefixes        {@code bud*} without the star
 * @param excluded        {@code -word}, {@code -"a phrase"}, {@code NOT word}
 * @param orGroups        {@code a OR "b c" OR d*}, two alternatives or more each
 * @param filters         group:, tag:, type:, author:, after:, before:
 * @param excludedFilters {@code -tag:draft} and the like (dates are never excluded)
 * @param understood      the query as it was read, for "Showing results for …"
 * @param truncated       true when part of a long query was left out
 */
public record ParsedQuery(List<String> terms, List<String> phrases, List<String> prefixes, List<QueryTerm> excluded,
        List<List<QueryTerm>> orGroups, Filters filters, Filters excludedFilters, String understood, boolean truncated) {

    public static final ParsedQuery EMPTY = new ParsedQuery(List.of(), List.of(), List.of(), List.of(), List.of(),
            Filters.NONE, Filters.NONE, "", false);

    public enum Form {
        WORD,
        PHRASE,
        PREFIX
    }

    /** One word, phrase or prefix, where the kind matters (exclusions, OR alternatives). */
    public record QueryTerm(String text, Form form) {

        /** How it reads back: a phrase in quotes, a prefix with its star. */
        public String understood() {
            return switch (form) {
                case WORD -> text;
                case PHRASE -> '"' + text + '"';
                case PREFIX -> text + '*';
            };
        }
    }

    /**
     * @param after  on or after the start of this day (UTC), or null
     * @param before before the start of this day (UTC), or null
     */
    public record Filters(List<String> groups, List<String> tags, List<String> types, List<String> authors,
            LocalDate after, LocalDate before) {

        public static final Filters NONE = new Filters(List.of(), List.of(), List.of(), List.of(), null, null);

        public Filters {
            groups = List.copyOf(groups);
            tags = List.copyOf(tags);
            types = List.copyOf(types);
            authors = List.copyOf(authors);
        }

        public boolean isEmpty() {
            return groups.isEmpty() && tags.isEmpty() && types.isEmpty() && authors.isEmpty() && after == null && before == null;
        }
    }

    public ParsedQuery {
        terms = List.copyOf(terms);
        phrases = List.copyOf(phrases);
        prefixes = List.copyOf(prefixes);
        excluded = List.copyOf(excluded);
        orGroups = orGroups.stream().<List<QueryTerm>>map(List::copyOf).toList();
        filters = filters == null ? Filters.NONE : filters;
        excludedFilters = excludedFilters == null ? Filters.NONE : excludedFilters;
        understood = understood == null ? "" : understood;
    }

    /**
     * Whether anything says what to look for. Without it the query matches every document the
     * filters (and the reader's groups) allow: an empty search lists what one may read.
     */
    public boolean hasPositive() {
        return !terms.isEmpty() || !phrases.isEmpty() || !prefixes.isEmpty() || !orGroups.isEmpty();
    }
}
