package org.guildhall.search.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.platform.boundary.Formats;
import org.guildhall.search.control.IndexLayout;
import org.guildhall.search.control.IndexStatus;
import org.guildhall.search.control.SearchIndex;

/**
 * The administrators' search index page: the index's state, a rebuild with its progress, a
 * consistency check now. The page sits under /admin (container-protected), and every action
 * checks the role again, so a crafted post from a non-administrator's session changes nothing.
 */
@Named
@ViewScoped
public class SearchAdministration implements Serializable {

    @Inject
    transient SearchIndex index;

    @Inject
    transient CurrentAccount currentAccount;

    @Inject
    transient FacesContext faces;

    @Inject
    transient Formats formats;

    private IndexStatus status;

    /** View action, and the poll's listener while a rebuild runs. */
    public void refresh() {
        status = index.status();
    }

    public void rebuild() {
        if (!currentAccount.isAdmin()) {
            message(FacesMessage.SEVERITY_ERROR, "Only administrators manage the search index.");
            return;
        }
        boolean started = index.startRebuild("started by " + currentAccount.caller().username() + " on the admin page");
        refresh();
        if (started) {
            message(FacesMessage.SEVERITY_INFO, "Rebuild started. Searches keep answering from the present index meanwhile.");
        } else {
            message(FacesMessage.SEVERITY_WARN, "A rebuild is already running, or the index is not open yet.");
        }
    }

    public void check() {
        if (!currentAccount.isAdmin()) {
            message(FacesMessage.SEVERITY_ERROR, "Only administrators manage the search index.");
            return;
        }
        Instant started = Instant.now();
        index.check();
        refresh();
        String result = status.lastCheckResult() == null ? "" : status.lastCheckResult();
        if (status.lastCheckAt() == null || status.lastCheckAt().isBefore(started)) {
            message(FacesMessage.SEVERITY_WARN, "The check did not run now (" + result + "). It also runs by itself periodically.");
        } else if (result.startsWith("repaired")) {
            message(FacesMessage.SEVERITY_WARN, "Check done, and it " + result + ".");
        } else {
            message(FacesMessage.SEVERITY_INFO, "Check done: database and index agree.");
        }
    }

    private void message(FacesMessage.Severity severity, String text) {
        faces.addMessage(null, new FacesMessage(severity, text, null));
    }

    public IndexStatus getStatus() {
        return status;
    }

    /** The state in words. */
    public String getStateText() {
        return switch (status.state()) {
            case STARTING -> "Starting";
            case CATCHING_UP -> "Catching up with changes made while the server was down";
            case REBUILDING -> "Rebuilding";
            case READY -> "Ready";
            case UNAVAILABLE -> "Unavailable: searches are refused (see the server log)";
        };
    }

    /** Segments and deleted entries in words, and the merging into one segment that keeps searches fast. */
    public String getLayoutText() {
        IndexLayout layout = status.layout();
        String shape = layout == null ? "not looked at yet"
                : String.format(Locale.ROOT, "%,d segment%s, %,d deleted entr%s not merged away yet, %,d MB", layout.segments(),
                        layout.segments() == 1 ? "" : "s", layout.deleted(), layout.deleted() == 1 ? "y" : "ies", layout.bytes() >> 20);
        if (status.compacting()) {
            return shape + "; being merged into one segment now";
        }
        return status.lastCompaction() == null ? shape
                : shape + "; last merge " + formats.dateTime(status.lastCompactionAt()) + " UTC: " + status.lastCompaction();
    }

    public boolean isRebuilding() {
        return status != null && status.rebuilding();
    }
}
