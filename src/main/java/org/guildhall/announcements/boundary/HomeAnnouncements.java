package org.guildhall.announcements.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.guildhall.announcements.control.Announcements;
import org.guildhall.announcements.control.BoardItem;
import org.guildhall.identity.boundary.CurrentAccount;

/**
 * The home page's announcements across the member's groups and the site: what still needs
 * their acknowledgement and pinned banners they have not dismissed first, then the newest.
 */
@Named
@RequestScoped
public class HomeAnnouncements {

    static final int SHOWN = 20;

    @Inject
    Announcements announcements;

    @Inject
    CurrentAccount currentAccount;

    @Inject
    FacesContext faces;

    private List<BoardItem> items;

    @PostConstruct
    void init() {
        items = announcements.home(currentAccount.caller(), SHOWN);
    }

    public void acknowledge(long id) {
        PageActions.run(faces, () -> announcements.acknowledge(currentAccount.caller(), id), PageActions.ACKNOWLEDGED);
        init();
    }

    public void dismiss(long id) {
        PageActions.run(faces, () -> announcements.dismiss(currentAccount.caller(), id), null);
        init();
    }

    public List<BoardItem> getItems() {
        return items;
    }
}
