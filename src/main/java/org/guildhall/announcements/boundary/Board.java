package org.guildhall.announcements.boundary;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.guildhall.announcements.boundary.AnnouncementViews.AnnouncementRequest;
import org.guildhall.announcements.boundary.AnnouncementViews.AnnouncementView;
import org.guildhall.announcements.control.AnnouncementException;
import org.guildhall.announcements.control.Announcements;
import org.guildhall.announcements.entity.Announcement;
import org.guildhall.identity.entity.Caller;

/** What the group board and the site board resources share. */
final class Board {

    private Board() {
    }

    static List<AnnouncementView> list(Announcements announcements, Caller caller, String slug, boolean archive) {
        if (archive) {
            return announcements.archive(caller, slug).stream().map(a -> AnnouncementView.of(announcements.asSeenBy(caller, a))).toList();
        }
        return announcements.board(caller, slug).stream().map(AnnouncementView::of).toList();
    }

    static Response created(Announcements announcements, Caller caller, Announcement posted) {
        return Response.created(URI.create("/api/v1/announcements/" + posted.getId()))
                .entity(AnnouncementView.of(announcements.asSeenBy(caller, posted))).build();
    }

    static AnnouncementRequest require(AnnouncementRequest request) {
        if (request == null) {
            throw new AnnouncementException("Send a JSON object with at least a title.");
        }
        return request;
    }
}
