package org.guildhall.search.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.search.control.SearchIndex;
import org.primefaces.event.SelectEvent;

/**
 * The search box in the header of every page: completes titles and tags the caller may see,
 * and sends to the search page, either with a picked suggestion or with what was typed.
 */
@Named
@RequestScoped
public class SearchBox {

    private static final Logger LOG = Logger.getLogger(SearchBox.class.getName());

    @Inject
    SearchIndex index;

    @Inject
    SearchReaders readers;

    @Inject
    CurrentAccount currentAccount;

    @Inject
    FacesContext faces;

    private String query;

    /** Suggestions as the query each one searches for ({@code tag:minutes}, {@code "Annual report"}). */
    public List<String> complete(String typed) {
        try {
            return index.suggest(typed, readers.of(currentAccount.caller())).stream().map(SearchLink::query).distinct().toList();
        } catch (RuntimeException e) {
            // a box that cannot complete still searches; the search page says what is wrong
            LOG.log(Level.FINE, "No suggestions", e);
            return List.of();
        }
    }

    /** A suggestion was picked (click, or arrow keys and Enter). */
    public void picked(SelectEvent<String> event) throws IOException {
        go(event.getObject());
    }

    /** Enter or the button, with whatever was typed. */
    public void submit() throws IOException {
        go(query);
    }

    private void go(String q) throws IOException {
        ExternalContext external = faces.getExternalContext();
        String text = SearchLink.cut(q);
        external.redirect(external.getRequestContextPath() + (text.isEmpty() ? SearchLink.PAGE : SearchLink.of(text).toString()));
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }
}
