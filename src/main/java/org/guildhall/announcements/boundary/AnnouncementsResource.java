package org.guildhall.announcements.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.guildhall.announcements.boundary.AnnouncementViews.AcknowledgementsView;
import org.guildhall.announcements.boundary.AnnouncementViews.AnnouncementRequest;
import org.guildhall.announcements.boundary.AnnouncementViews.AnnouncementView;
import org.guildhall.announcements.boundary.AnnouncementViews.RevisionView;
import org.guildhall.announcements.control.Announcements;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.entity.Caller;

/** The site-wide board, and each announcement (of any board) by id: read, edit, delete, acknowledge. */
@Path("announcements")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Announcements")
@SecurityRequirement(name = "token")
public class AnnouncementsResource {

    @Inject
    Announcements announcements;

    @Inject
    CurrentAccount currentAccount;

    @GET
    @Operation(summary = "The site-wide board as the caller sees it; archive=true: scheduled and expired ones (administrators)")
    public List<AnnouncementView> list(@QueryParam("archive") @DefaultValue("false") boolean archive) {
        return Board.list(announcements, currentAccount.caller(), null, archive);
    }

    @POST
    @Operation(summary = "Post a site-wide announcement (administrators); audience PUBLIC (everyone) or MEMBERS (signed-in accounts)")
    public Response post(AnnouncementRequest request) {
        Caller caller = currentAccount.caller();
        return Board.created(announcements, caller, announcements.post(caller, null, Board.require(request).input()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One announcement")
    public AnnouncementView get(@PathParam("id") long id) {
        Caller caller = currentAccount.caller();
        return AnnouncementView.of(announcements.asSeenBy(caller, announcements.readable(caller, id)));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Edit an announcement (its author, the committee); the replaced title and body stay in its history")
    public AnnouncementView update(@PathParam("id") long id, AnnouncementRequest request) {
        Caller caller = currentAccount.caller();
        return AnnouncementView.of(announcements.asSeenBy(caller, announcements.update(caller, id, Board.require(request).input())));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an announcement (its author, the committee)")
    public Response delete(@PathParam("id") long id) {
        announcements.delete(currentAccount.caller(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/acknowledge")
    @Operation(summary = "\"I have read this\" for an announcement that asks for it")
    public AnnouncementView acknowledge(@PathParam("id") long id) {
        Caller caller = currentAccount.caller();
        announcements.acknowledge(caller, id);
        return get(id);
    }

    @POST
    @Path("{id}/dismiss")
    @Operation(summary = "Dismiss the pinned banner, for the caller only")
    public AnnouncementView dismiss(@PathParam("id") long id) {
        announcements.dismiss(currentAccount.caller(), id);
        return get(id);
    }

    @GET
    @Path("{id}/acknowledgements")
    @Operation(summary = "Who has acknowledged and who has not (committee, administrators)")
    public AcknowledgementsView acknowledgements(@PathParam("id") long id) {
        return AcknowledgementsView.of(announcements.acknowledgements(currentAccount.caller(), id));
    }

    @GET
    @Path("{id}/acknowledgements.csv")
    @Produces("text/csv")
    @Operation(summary = "The same as CSV: name, username, acknowledged, acknowledged_at")
    public Response acknowledgementsCsv(@PathParam("id") long id) {
        return Response.ok(announcements.acknowledgements(currentAccount.caller(), id).csv(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"acknowledgements-" + id + ".csv\"").build();
    }

    @GET
    @Path("{id}/revisions")
    @Operation(summary = "The versions edits replaced, newest first (committee, administrators; empty for others)")
    public List<RevisionView> revisions(@PathParam("id") long id) {
        return announcements.revisions(currentAccount.caller(), id).stream().map(RevisionView::of).toList();
    }
}
