package org.guildhall.announcements.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.announcements.boundary.AnnouncementViews.AnnouncementRequest;
import org.guildhall.announcements.boundary.AnnouncementViews.AnnouncementView;
import org.guildhall.announcements.control.Announcements;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.entity.Caller;

/**
 * A group's board. Its own root resource, like the group's documents, because JAX-RS routes
 * {@code groups/{slug}/announcements} here only when no shorter root has to take it.
 */
@Path("groups/{slug}/announcements")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Announcements")
@SecurityRequirement(name = "token")
public class GroupAnnouncementsResource {

    @Inject
    Announcements announcements;

    @Inject
    CurrentAccount currentAccount;

    @GET
    @Operation(summary = "The group's board as the caller sees it: pinned first, then newest; archive=true: "
            + "scheduled and expired ones (committee, administrators)")
    public List<AnnouncementView> list(@PathParam("slug") String slug, @QueryParam("archive") @DefaultValue("false") boolean archive) {
        return Board.list(announcements, currentAccount.caller(), slug, archive);
    }

    @POST
    @Operation(summary = "Post an announcement (the group's committee, administrators): title, body (HTML, sanitized), "
            + "audience PUBLIC|MEMBERS|COMMITTEE, pinned, requiresAcknowledgement, publishAt, expiresAt")
    public Response post(@PathParam("slug") String slug, AnnouncementRequest request) {
        Caller caller = currentAccount.caller();
        return Board.created(announcements, caller, announcements.post(caller, slug, Board.require(request).input()));
    }
}
