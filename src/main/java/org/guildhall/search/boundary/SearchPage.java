package org.guildhall.search.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.groups.control.GroupSummary;
import org.guildhall.groups.control.Groups;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.entity.Caller;
import org.guildhall.platform.control.DatabaseStatus;
import org.guildhall.platform.boundary.Formats;
import org.guildhall.search.control.Facet;
import org.guildhall.search.control.SearchIndex;
import org.guildhall.search.control.SearchUnavailable;

/**
 * The search page: a read-only GET page, so every state of it (query, facet values, sort, page)
 * is a bookmarkable address. Whatever was typed is answered; the page never fails on input.
 */
@Named
@RequestScoped
public class SearchPage {

    private static final Logger LOG = Logger.getLogger(SearchPage.class.getName());
    static final int PAGE_SIZE = 20;

    @Inject
    SearchIndex index;

    @Inject
    SearchReaders readers;

    @Inject
    Groups groups;

    @Inject
    CurrentAccount currentAccount;

    @Inject
    Formats formats;

    @Inject
    FacesContext faces;

    @Inject
    DatabaseStatus database;

    private String q;
    private String sort;
    private String page;
    private SearchLink link;
    private SearchView view;
    private String unavailable;
    private Map<String, String> names = Map.of();
    private final List<SearchView.Chip> chips = new ArrayList<>();

    /** View action: reads the repeatable facet parameters and searches when there is anything to search for. */
    public void load() {
        // f:viewParam holds one value; group=, type=, … may come several times
        Map<String, String[]> parameters = faces.getExternalContext().getRequestParameterValuesMap();
        link = new SearchLink(q, SearchResource.selection(values(parameters, Facet.GROUP), values(parameters, Facet.TYPE),
                values(parameters, Facet.TAG), values(parameters, Facet.AUTHOR), values(parameters, Facet.YEAR)),
                sort, pageNumber());
        if (!isAsked()) {
            return;
        }
        Caller caller = currentAccount.caller();
        try {
            names = groupNames(caller);
            SearchResource.Answer answer = SearchResource.answer(index, readers.of(caller), q == null ? "" : q, link.selected(),
                    sort, pageNumber(), PAGE_SIZE);
            view = new SearchView(answer, link, names, formats,
                    faces.getExternalContext().getRequestContextPath());
        } catch (SearchUnavailable e) {
            unavailable = e.getMessage();
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "Search failed reading the index", e);
            unavailable = "Search could not read its index just now. Please try again in a moment.";
        } catch (RuntimeException e) {
            if (database.isOutage(e)) {
                // not the visitor's words: the plain "temporarily unavailable" page says what it is
                throw e;
            }
            // no input may produce an error page; the cause is for the log, not the visitor
            LOG.log(Level.WARNING, "Search failed", e);
            unavailable = "This search could not be answered. Please try other words.";
        }
        String contextPath = faces.getExternalContext().getRequestContextPath();
        link.selected().forEach((facet, values) -> values.forEach(value -> chips.add(new SearchView.Chip(
                SearchView.label(facet) + ": " + (facet == Facet.GROUP ? names.getOrDefault(value, value) : value),
                contextPath + link.without(facet, value)))));
    }

    private static List<String> values(Map<String, String[]> parameters, Facet facet) {
        String[] values = parameters.get(SearchLink.parameter(facet));
        return values == null ? List.of() : Arrays.asList(values);
    }

    private int pageNumber() {
        try {
            return page == null ? 1 : Math.max(1, Math.min(Integer.parseInt(page.strip()), 10_000));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Slugs to names for the groups this caller may read; hits and facets show names. */
    private Map<String, String> groupNames(Caller caller) {
        Map<String, String> names = new LinkedHashMap<>();
        for (GroupSummary summary : groups.directory(caller)) {
            names.put(summary.group().getSlug(), summary.group().getName());
        }
        return names;
    }

    /** Whether there is a query or a selected facet value to answer; otherwise the page explains how to search. */
    public boolean isAsked() {
        // link is null on a postback (the header box posting from this page): the view action runs on GET only
        return (q != null && !q.isBlank()) || (link != null && !link.selected().isEmpty());
    }

    public SearchView getResult() {
        return view;
    }

    public String getUnavailable() {
        return unavailable;
    }

    /** Selected facet values, each with the link that removes it. */
    public List<SearchView.Chip> getChips() {
        return chips;
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }

    public boolean isByDate() {
        return "date".equals(sort);
    }

    public String getPage() {
        return page;
    }

    public void setPage(String page) {
        this.page = page;
    }
}
