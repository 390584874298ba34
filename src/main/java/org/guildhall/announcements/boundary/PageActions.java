package org.guildhall.announcements.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.guildhall.announcements.control.AnnouncementException;
import org.guildhall.announcements.control.AnnouncementNotFound;
import org.guildhall.groups.control.NotAllowed;

/** How the announcement pages carry out what a reader pressed: the change, then what to tell them, or why it was refused. */
final class PageActions {

    private PageActions() {
    }

    /** Runs the change; says {@code done} (when not null) or the refusal. */
    static void run(FacesContext faces, Runnable change, String done) {
        try {
            change.run();
            if (done != null) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
            }
        } catch (AnnouncementException | AnnouncementNotFound | NotAllowed e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
    }

    static final String ACKNOWLEDGED = "Thank you: the committee can see that you have read it.";
}
