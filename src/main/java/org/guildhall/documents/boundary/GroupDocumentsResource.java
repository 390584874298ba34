package org.guildhall.documents.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.documents.boundary.DocumentViews.DocumentPage;
import org.guildhall.documents.boundary.DocumentViews.DocumentView;
import org.guildhall.documents.boundary.DocumentViews.UploadResult;
import org.guildhall.documents.control.DocumentList;
import org.guildhall.documents.control.DocumentQuery;
import org.guildhall.documents.control.Documents;
import org.guildhall.documents.control.FileNames;
import org.guildhall.documents.control.StagedFile;
import org.guildhall.documents.control.StorageFull;
import org.guildhall.documents.control.Stored;
import org.guildhall.documents.control.Tags;
import org.guildhall.documents.control.UploadRejected;
import org.guildhall.documents.control.Uploads;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.entity.Caller;
import org.guildhall.platform.boundary.ApiErrors;
import org.guildhall.platform.control.DatabaseStatus;

/**
 * A group's documents: the list, and uploads as multipart. Its own root resource, because
 * JAX-RS routes {@code groups/{slug}/documents} here only when no shorter root ("groups")
 * has to take it.
 */
@Path("groups/{slug}/documents")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
@SecurityRequirement(name = "token")
public class GroupDocumentsResource {

    /**
     * Files stored in one transaction: enough to share a commit among a folder's worth, few
     * enough that one transaction does not hold its locks and connection for long.
     */
    static final int STORE_TOGETHER = 20;

    @Inject
    Documents documents;

    @Inject
    Uploads uploads;

    @Inject
    CurrentAccount currentAccount;

    @GET
    @Operation(summary = "A group's documents, newest first by default; filter by tag and type (pdf, word, spreadsheet, …)")
    public DocumentPage list(@PathParam("slug") String slug, @QueryParam("tag") String tag, @QueryParam("type") String type,
            @QueryParam("sort") @DefaultValue("date") String sort, @QueryParam("order") @DefaultValue("") String order,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("20") int size) {
        DocumentQuery.Sort by = switch (sort.toLowerCase()) {
            case "title" -> DocumentQuery.Sort.TITLE;
            case "type" -> DocumentQuery.Sort.TYPE;
            default -> DocumentQuery.Sort.DATE;
        };
        boolean descending = order.isBlank() ? by == DocumentQuery.Sort.DATE : order.equalsIgnoreCase("desc");
        DocumentList list = documents.list(currentAccount.caller(), slug, new DocumentQuery(tag, type, by, descending, page, size));
        return new DocumentPage(list.documents().stream().map(d -> DocumentView.of(d, false)).toList(), list.total(), list.page(), list.size());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload one or more files (parts named 'file'), with optional 'title', 'description' and 'tags' (comma-separated)")
    public Response upload(@PathParam("slug") String slug, @HeaderParam("Content-Length") @DefaultValue("0") long length,
            List<EntityPart> parts) throws IOException {
        Caller caller = currentAccount.caller();
        documents.requireUpload(caller, slug);
        try {
            uploads.requireRoom(length);
        } catch (StorageFull e) {
            return ApiErrors.body(507, e.getMessage());
        }
        String title = DocumentsResource.text(parts, "title");
        String description = DocumentsResource.text(parts, "description");
        Set<String> tags = Tags.parse(DocumentsResource.text(parts, "tags"));
        List<EntityPart> files = parts.stream().filter(p -> p.getFileName().isPresent() || p.getName().equals("file")).toList();
        if (files.isEmpty()) {
            return ApiErrors.body(400, "Send the files as multipart parts named 'file'.");
        }
        // every file staged first (its type and size checked), then stored STORE_TOGETHER at a time
        // in one transaction each: a request's answer keeps the order of its files
        UploadResult[] results = new UploadResult[files.size()];
        List<StagedFile> staged = new ArrayList<>();
        List<Integer> stagedPart = new ArrayList<>();
        boolean full = false;
        for (int i = 0; i < files.size(); i++) {
            String name = FileNames.fromLatin1Misreading(files.get(i).getFileName().orElse("document"));
            try (InputStream content = files.get(i).getContent()) {
                staged.add(uploads.stage(content, name));
                stagedPart.add(i);
            } catch (UploadRejected e) {
                full |= e instanceof StorageFull;
                results[i] = new UploadResult(name, false, e.getMessage(), null, List.of());
            } catch (IOException | RuntimeException e) {
                staged.forEach(uploads::discard);
                throw e;
            }
        }
        boolean anyStored = false;
        for (int from = 0; from < staged.size(); from += STORE_TOGETHER) {
            List<StagedFile> together = staged.subList(from, Math.min(staged.size(), from + STORE_TOGETHER));
            try {
                List<Stored> stored = documents.storeAll(caller, slug, together, files.size() == 1 ? title : null, description, tags);
                for (int k = 0; k < stored.size(); k++) {
                    results[stagedPart.get(from + k)] = DocumentsResource.stored(stored.get(k));
                }
                anyStored = true;
            } catch (RuntimeException e) {
                staged.subList(from, staged.size()).forEach(uploads::discard);
                if (!anyStored || !DatabaseStatus.involvesDatabase(e)) {
                    throw e;
                }
                // files of this request are stored already: the answer must say which, and that the rest are not
                for (int k = from; k < staged.size(); k++) {
                    results[stagedPart.get(k)] = new UploadResult(staged.get(k).fileName(), false,
                            "Not stored: Guildhall cannot reach its database just now. Please upload this file again in a few minutes.",
                            null, List.of());
                }
                break;
            }
        }
        List<UploadResult> answer = List.of(results);
        boolean any = answer.stream().anyMatch(UploadResult::stored);
        if (!any && full) {
            // nothing stored, and the reason is the server's, not the file's
            return ApiErrors.body(507, StorageFull.MESSAGE);
        }
        return Response.status(any ? 201 : 400).entity(answer).build();
    }
}
