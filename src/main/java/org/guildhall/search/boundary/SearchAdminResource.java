package org.guildhall.search.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.platform.boundary.ApiErrors;
import org.guildhall.search.control.IndexStatus;
import org.guildhall.search.control.SearchIndex;

/** The search index for administrators: its state, a rebuild, a consistency check now. */
@Path("admin/search")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@SecurityRequirement(name = "token")
public class SearchAdminResource {

    @Inject
    SearchIndex index;

    @Inject
    CurrentAccount currentAccount;

    @GET
    @Operation(summary = "Index status: entries, last commit, last check and repair, rebuild progress")
    public IndexStatus status() {
        requireAdmin();
        return index.status();
    }

    @POST
    @Path("rebuild")
    @Operation(summary = "Rebuild the index from the database in the background (searches keep answering)")
    public Response rebuild() {
        requireAdmin();
        boolean started = index.startRebuild("started by " + currentAccount.caller().username());
        return Response.status(started ? 202 : 409).entity(index.status()).build();
    }

    @POST
    @Path("check")
    @Operation(summary = "Compare database and index now and repair what differs; answers when done")
    public IndexStatus check() {
        requireAdmin();
        index.check();
        return index.status();
    }

    private void requireAdmin() {
        if (!currentAccount.isLoggedIn()) {
            throw new WebApplicationException(ApiErrors.body(401, "Send a personal API token."));
        }
        if (!currentAccount.isAdmin()) {
            throw new WebApplicationException(ApiErrors.body(403, "Only administrators manage the search index."));
        }
    }
}
