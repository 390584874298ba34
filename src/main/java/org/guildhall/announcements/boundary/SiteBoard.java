package org.guildhall.announcements.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/** The site-wide board ({@code /announcements/index.xhtml}): read by all, posted to by administrators. */
@Named
@ViewScoped
public class SiteBoard extends BoardView {

    public void load() {
        refresh();
    }

    @Override
    protected String slug() {
        return null;
    }
}
