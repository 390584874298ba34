package org.guildhall.documents.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.documents.boundary.DocumentViews.DocumentChange;
import org.guildhall.documents.boundary.DocumentViews.DocumentPage;
import org.guildhall.documents.boundary.DocumentViews.DocumentView;
import org.guildhall.documents.boundary.DocumentViews.SameContent;
import org.guildhall.documents.boundary.DocumentViews.UploadResult;
import org.guildhall.documents.control.BlobStore;
import org.guildhall.documents.control.DownloadHeaders;
import org.guildhall.documents.control.DocumentException;
import org.guildhall.documents.control.DocumentList;
import org.guildhall.documents.control.DocumentNotFound;
import org.guildhall.documents.control.DocumentQuery;
import org.guildhall.documents.control.Documents;
import org.guildhall.documents.control.FileNames;
import org.guildhall.documents.control.StagedFile;
import org.guildhall.documents.control.StorageFull;
import org.guildhall.documents.control.Stored;
import org.guildhall.documents.control.Tags;
import org.guildhall.documents.control.UploadRejected;
import org.guildhall.documents.control.Uploads;
import org.guildhall.documents.entity.Document;
import org.guildhall.documents.entity.DocumentVersion;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.entity.Caller;
import org.guildhall.platform.boundary.ApiErrors;

/** One document as JSON, its versions as downloads. What the caller may not read is a 404. */
@Path("documents")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
@SecurityRequirement(name = "token")
public class DocumentsResource {

    @Inject
    Documents documents;

    @Inject
    Uploads uploads;

    @Inject
    BlobStore blobs;

    @Inject
    CurrentAccount currentAccount;

    @GET
    @Path("{id}")
    @Operation(summary = "A document with all its versions and their extraction states")
    public DocumentView get(@PathParam("id") long id) {
        return DocumentView.of(documents.readable(currentAccount.caller(), id), true);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change title, description or tags")
    public DocumentView update(@PathParam("id") long id, DocumentChange change) {
        if (change == null) {
            throw new DocumentException("Send {\"title\": …, \"description\": …, \"tags\": […]}.");
        }
        return DocumentView.of(documents.update(currentAccount.caller(), id, change.title(), change.description(), change.tags()), true);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Move a document to its group's trash")
    public Response delete(@PathParam("id") long id) {
        documents.delete(currentAccount.caller(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore a document from the trash (committee)")
    public DocumentView restore(@PathParam("id") long id) {
        documents.restore(currentAccount.caller(), id);
        return DocumentView.of(documents.readable(currentAccount.caller(), id), true);
    }

    @POST
    @Path("{id}/purge")
    @Operation(summary = "Delete a trashed document for good, and each of its files no other version uses (committee)")
    public Response purge(@PathParam("id") long id) {
        documents.purge(currentAccount.caller(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Run text extraction of the newest version again")
    public DocumentView retry(@PathParam("id") long id) {
        Document document = documents.readable(currentAccount.caller(), id);
        documents.retry(currentAccount.caller(), document.getCurrent().getId());
        return DocumentView.of(documents.readable(currentAccount.caller(), id), true);
    }

    @POST
    @Path("{id}/versions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a new version (part 'file'); it becomes the one shown and searched")
    public Response newVersion(@PathParam("id") long id, List<EntityPart> parts) throws IOException {
        Caller caller = currentAccount.caller();
        // refused before a byte is staged: reading a document is not the right to add to it
        Document document = documents.editable(caller, id);
        EntityPart file = parts.stream().filter(p -> p.getFileName().isPresent()).findFirst()
                .orElseThrow(() -> new DocumentException("Send the file as a multipart part named 'file'."));
        String name = FileNames.fromLatin1Misreading(file.getFileName().orElse("document"));
        StagedFile staged;
        try (InputStream content = file.getContent()) {
            staged = uploads.stage(content, name);
        } catch (StorageFull e) {
            return ApiErrors.body(507, e.getMessage());
        } catch (UploadRejected e) {
            return Response.status(400).entity(new UploadResult(name, false, e.getMessage(), null, List.of())).build();
        }
        try {
            return Response.status(201).entity(stored(documents.storeVersion(caller, document.getId(), staged))).build();
        } catch (RuntimeException e) {
            uploads.discard(staged);
            throw e;
        }
    }

    @GET
    @Path("{id}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download the newest version")
    public Response content(@PathParam("id") long id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return download(documents.readable(currentAccount.caller(), id).getCurrent(), ifNoneMatch);
    }

    @GET
    @Path("{id}/versions/{number}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download one version")
    public Response versionContent(@PathParam("id") long id, @PathParam("number") int number, @HeaderParam("If-None-Match") String ifNoneMatch) {
        Document document = documents.readable(currentAccount.caller(), id);
        return download(documents.version(document, number).orElseThrow(DocumentNotFound::new), ifNoneMatch);
    }

    private Response download(DocumentVersion version, String ifNoneMatch) {
        if (DownloadHeaders.etag(version).equals(ifNoneMatch)) {
            Response.ResponseBuilder notModified = Response.notModified();
            DownloadHeaders.of(version).forEach(notModified::header);
            return notModified.build();
        }
        StreamingOutput body = out -> {
            try (InputStream in = blobs.open(version.getSha256())) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder ok = Response.ok(body, version.getMediaType()).header("Content-Length", version.getSize());
        DownloadHeaders.of(version).forEach(ok::header);
        return ok.build();
    }

    static UploadResult stored(Stored stored) {
        String message = stored.sameContent().isEmpty() ? "Stored." : "Stored. The same file is already in: "
                + String.join(", ", stored.sameContent().stream().map(d -> d.getTitle() + " (" + d.getGroup().getName() + ")").toList()) + ".";
        return new UploadResult(stored.version().getFileName(), true, message, DocumentView.of(stored.document(), true),
                stored.sameContent().stream().map(SameContent::of).toList());
    }

    static String text(List<EntityPart> parts, String name) throws IOException {
        for (EntityPart part : parts) {
            if (part.getName().equals(name) && part.getFileName().isEmpty()) {
                try (InputStream in = part.getContent()) {
                    return new String(in.readNBytes(8192), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
