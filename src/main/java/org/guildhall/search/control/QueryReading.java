package org.guildhall.search.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.guildhall.search.control.ParsedQuery.QueryTerm;

/**
 * What {@link SearchQueryParser} has read of one query so far: terms in typed order (an OR joins
 * a term to the entry before it), exclusions, filters, and whether the size cap cut anything.
 */
final class QueryReading {

    private final List<List<QueryTerm>> positives = new ArrayList<>();
    private final List<QueryTerm> excluded = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final FilterReading filters = new FilterReading();
    private final FilterReading excludedFilters = new FilterReading();
    private int count;
    boolean truncated;
    /** Whether an OR may join the next term to the last positive entry. */
    private boolean joinable;

    void add(QueryTerm term, boolean or) {
        if (!room()) {
            return;
        }
        if (or && joinable) {
            positives.get(positives.size() - 1).add(term);
            count++;
        } else if (seen.add("+" + key(term))) {
            positives.add(new ArrayList<>(List.of(term)));
            count++;
            joinable = true;
        } else {
            joinable = false;
        }
    }

    void exclude(QueryTerm term) {
        if (room() && seen.add("-" + key(term))) {
            excluded.add(term);
            count++;
        }
        joinable = false;
    }

    boolean filter(String name, String value, boolean negated) {
        joinable = false;
        return (negated ? excludedFilters : filters).add(name, value, negated);
    }

    private boolean room() {
        if (count >= SearchQueryParser.MAX_TERMS) {
            truncated = true;
            return false;
        }
        return true;
    }

    private static String key(QueryTerm term) {
        return term.form() + ":" + term.text().toLowerCase(Locale.ROOT);
    }

    ParsedQuery result() {
        List<String> terms = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<List<QueryTerm>> groups = new ArrayList<>();
        List<String> understood = new ArrayList<>();
        for (List<QueryTerm> entry : positives) {
            understood.add(entry.stream().map(QueryTerm::understood).collect(Collectors.joining(" OR ")));
            if (entry.size() > 1) {
                groups.add(entry);
                continue;
            }
            QueryTerm term = entry.get(0);
            (switch (term.form()) {
                case WORD -> terms;
                case PHRASE -> phrases;
                case PREFIX -> prefixes;
            }).add(term.text());
        }
        excluded.forEach(term -> understood.add("-" + term.understood()));
        understood.addAll(filters.understood(""));
        understood.addAll(excludedFilters.understood("-"));
        return new ParsedQuery(terms, phrases, prefixes, excluded, groups, filters.filters(), excludedFilters.filters(),
                String.join(" ", understood), truncated);
    }
}
