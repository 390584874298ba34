package org.guildhall.announcements.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.guildhall.announcements.control.AcknowledgementReport;
import org.guildhall.announcements.control.AnnouncementException;
import org.guildhall.announcements.control.AnnouncementNotFound;
import org.guildhall.announcements.control.Announcements;
import org.guildhall.announcements.control.BoardItem;
import org.guildhall.announcements.control.RichText;
import org.guildhall.announcements.entity.Announcement;
import org.guildhall.announcements.entity.AnnouncementRevision;
import org.guildhall.groups.control.NotAllowed;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.entity.Caller;
import org.guildhall.platform.boundary.Formats;

/**
 * One announcement ({@code /announcements/announcement.xhtml?id=N}, where search results and
 * feeds link): the text, "I have read this", and for the committee the acknowledgement view
 * with its CSV export, the edit form and the edit history. One the viewer may not read is a 404.
 */
@Named
@ViewScoped
public class AnnouncementPage implements Serializable {

    @Inject
    transient Announcements announcements;

    @Inject
    transient CurrentAccount currentAccount;

    @Inject
    transient FacesContext faces;

    @Inject
    transient Formats formats;

    private long id;
    private BoardItem item;
    private boolean mayEdit;
    private boolean mayManage;
    private List<AnnouncementRevision> revisions = List.of();
    private AcknowledgementReport report;
    private AnnouncementForm form;
    private boolean loaded;

    public void load() throws IOException {
        loaded = true;
        try {
            refresh();
        } catch (AnnouncementNotFound e) {
            faces.getExternalContext().responseSendError(404, e.getMessage());
            faces.responseComplete();
        }
    }

    /**
     * Before every answer to a postback, AJAX included: a page loaded while its announcement was
     * readable holds its content, and must not show it again to someone who lost the right a
     * moment ago (removed from the group, say). Such a page goes to its own address, which
     * answers 404 as for anything they cannot see.
     */
    public void verify() throws IOException {
        if (!faces.isPostback() || item == null) {
            return;
        }
        try {
            announcements.readable(currentAccount.caller(), item.announcement().getId());
        } catch (AnnouncementNotFound e) {
            ExternalContext external = faces.getExternalContext();
            external.redirect(external.getRequestContextPath() + "/announcements/announcement.xhtml?id=" + item.announcement().getId());
            faces.responseComplete();
        }
    }

    void refresh() {
        Caller caller = currentAccount.caller();
        Announcement announcement = announcements.readable(caller, id);
        item = announcements.asSeenBy(caller, announcement);
        mayEdit = announcements.mayEdit(caller, announcement);
        mayManage = announcements.mayManage(caller, announcement);
        revisions = announcements.revisions(caller, id);
        report = mayManage && announcement.isRequiresAcknowledgement() ? announcements.acknowledgements(caller, id) : null;
        form = mayEdit ? AnnouncementForm.of(announcement) : null;
    }

    public void acknowledge() {
        act(() -> announcements.acknowledge(currentAccount.caller(), id), PageActions.ACKNOWLEDGED);
    }

    public void dismiss() {
        act(() -> announcements.dismiss(currentAccount.caller(), id), "The banner is dismissed for you.");
    }

    public void save() {
        act(() -> announcements.update(currentAccount.caller(), id, form.input()), "Saved; the previous version stays in the history.");
    }

    public String delete() {
        Announcement announcement = item.announcement();
        try {
            announcements.delete(currentAccount.caller(), id);
        } catch (AnnouncementException | AnnouncementNotFound | NotAllowed e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            return null;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "The announcement is deleted.", null));
        return announcement.isSiteWide() ? "/announcements/index?faces-redirect=true"
                : "/groups/group?faces-redirect=true&slug=" + announcement.getGroup().getSlug();
    }

    /** The acknowledgement list as a CSV download. */
    public void exportCsv() throws IOException {
        AcknowledgementReport csv = announcements.acknowledgements(currentAccount.caller(), id);
        byte[] bytes = csv.csv().getBytes(StandardCharsets.UTF_8);
        ExternalContext external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType("text/csv; charset=UTF-8");
        external.setResponseContentLength(bytes.length);
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"acknowledgements-" + id + ".csv\"");
        external.getResponseOutputStream().write(bytes);
        faces.responseComplete();
    }

    private void act(Runnable action, String done) {
        PageActions.run(faces, action, done);
        try {
            refresh();
        } catch (AnnouncementNotFound e) {
            item = null;
        }
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        // only the address the page was opened with names what it shows: a postback that sends the
        // parameter again, with another value, must not turn the page's forms onto something else
        if (!loaded) {
            this.id = id;
        }
    }

    public BoardItem getItem() {
        return item;
    }

    public Announcement getAnnouncement() {
        return item == null ? null : item.announcement();
    }

    /** The body, sanitized again on its way out: written unescaped, so it passes the allow-list here too. */
    public String getBody() {
        return item == null ? "" : RichText.sanitize(item.announcement().getBody());
    }

    public String revisionBody(AnnouncementRevision revision) {
        return RichText.sanitize(revision.getBody());
    }

    /** Where it stands: scheduled, expired, or nothing to say. */
    public String getStatus() {
        if (item == null) {
            return "";
        }
        Announcement a = item.announcement();
        if (!a.isPublished(announcements.now())) {
            return "Scheduled: appears on " + formats.dateTime(a.getPublishAt()) + " UTC";
        }
        return a.isExpired(announcements.now()) ? "Expired on " + formats.dateTime(a.getExpiresAt()) + " UTC" : "";
    }

    public boolean isMayEdit() {
        return mayEdit;
    }

    public boolean isMayManage() {
        return mayManage;
    }

    public List<AnnouncementRevision> getRevisions() {
        return revisions;
    }

    public AcknowledgementReport getReport() {
        return report;
    }

    public AnnouncementForm getForm() {
        return form;
    }

    public boolean isLoggedIn() {
        return currentAccount.isLoggedIn();
    }
}
