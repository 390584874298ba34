package org.guildhall.announcements.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.guildhall.groups.boundary.GroupPage;

/** The Announcements section of the group page. */
@Named
@ViewScoped
public class GroupAnnouncements extends BoardView {

    @Inject
    GroupPage page;

    /** View action, after the group page loaded its group. */
    public void load() {
        if (page.getGroup() != null) {
            refresh();
        }
    }

    @Override
    protected String slug() {
        return page.getSlug();
    }
}
