package org.guildhall.announcements.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.guildhall.announcements.control.Announcements;
import org.guildhall.announcements.control.BoardItem;
import org.guildhall.announcements.control.RichText;
import org.guildhall.announcements.entity.Announcement;
import org.guildhall.announcements.entity.Audience;
import org.guildhall.groups.control.GroupNotFound;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.platform.boundary.Formats;

/**
 * A board on a page (a group's, or the site's): pinned banners, the list, "I have read this",
 * and for those who may post, the form and the archive of scheduled and expired ones. The
 * group page's section and the site board page each extend it with where their board is;
 * both render {@code WEB-INF/includes/board.xhtml}.
 */
public abstract class BoardView implements Serializable {

    @Inject
    transient Announcements announcements;

    @Inject
    transient CurrentAccount currentAccount;

    @Inject
    transient FacesContext faces;

    @Inject
    transient Formats formats;

    private List<BoardItem> items = List.of();
    private List<Announcement> archive = List.of();
    private boolean mayPost;
    private AnnouncementForm form = new AnnouncementForm();

    /** The group's slug; null for the site board. */
    protected abstract String slug();

    public void refresh() {
        try {
            items = announcements.board(currentAccount.caller(), slug());
            archive = announcements.archive(currentAccount.caller(), slug());
            mayPost = announcements.mayPost(currentAccount.caller(), slug());
        } catch (GroupNotFound e) {
            // the viewer lost the group since the page was loaded: nothing more to show (the page then answers 404)
            items = List.of();
            archive = List.of();
            mayPost = false;
        }
    }

    public void post() {
        PageActions.run(faces, () -> {
            Announcement posted = announcements.post(currentAccount.caller(), slug(), form.input());
            form = new AnnouncementForm();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, posted.isPublished(announcements.now()) ? "Posted."
                    : "Scheduled: it appears on " + formats.dateTime(posted.getPublishAt()) + " UTC.", null));
        }, null);
        refresh();
    }

    public void acknowledge(long id) {
        PageActions.run(faces, () -> announcements.acknowledge(currentAccount.caller(), id), PageActions.ACKNOWLEDGED);
        refresh();
    }

    public void dismiss(long id) {
        PageActions.run(faces, () -> announcements.dismiss(currentAccount.caller(), id), null);
        refresh();
    }

    public List<BoardItem> getItems() {
        return items;
    }

    public List<BoardItem> getBanners() {
        return items.stream().filter(BoardItem::banner).toList();
    }

    public List<Announcement> getArchive() {
        return archive;
    }

    public boolean isMayPost() {
        return mayPost;
    }

    public AnnouncementForm getForm() {
        return form;
    }

    public List<Audience> getAudiences() {
        return Arrays.stream(Audience.values()).filter(a -> slug() != null || a != Audience.COMMITTEE).toList();
    }

    /** A word on where an archived announcement stands. */
    public String status(Announcement a) {
        return a.isPublished(announcements.now()) ? "expired " + formats.dateTime(a.getExpiresAt())
                : "scheduled for " + formats.dateTime(a.getPublishAt());
    }

    /** The body, sanitized again on its way out: the page writes it unescaped. */
    public String body(Announcement a) {
        return RichText.sanitize(a.getBody());
    }

    public String audienceLabel(Announcement a) {
        return switch (a.getAudience()) {
            case PUBLIC -> a.isSiteWide() ? "Everyone" : "Public";
            case MEMBERS -> a.isSiteWide() ? "Signed-in members" : "Members";
            case COMMITTEE -> "Committee";
        };
    }
}
