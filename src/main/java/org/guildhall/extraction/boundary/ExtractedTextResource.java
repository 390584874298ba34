package org.guildhall.extraction.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.documents.control.Documents;
import org.guildhall.documents.entity.Document;
import org.guildhall.documents.entity.DocumentVersion;
import org.guildhall.documents.entity.ExtractionState;
import org.guildhall.extraction.control.ExtractionQueue;
import org.guildhall.identity.boundary.CurrentAccount;

/** The text extracted from a document's newest version, part by part (the file, then its embedded entries). */
@Path("documents/{id}/text")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
@SecurityRequirement(name = "token")
public class ExtractedTextResource {

    @Inject
    Documents documents;

    @Inject
    ExtractionQueue queue;

    @Inject
    CurrentAccount currentAccount;

    @GET
    @Operation(summary = "The extracted text of the newest version, with the state of its extraction")
    public ExtractedText text(@PathParam("id") long id) {
        Document document = documents.readable(currentAccount.caller(), id);
        DocumentVersion version = document.getCurrent();
        return new ExtractedText(version.getId(), version.getExtractionState(), version.getExtractionReason(),
                queue.partsOf(version.getId()).stream().map(p -> new Part(p.path(), p.text())).toList());
    }

    /** A version's text. */
    public record ExtractedText(long versionId, ExtractionState state, String reason, List<Part> parts) {
    }

    /** Text of the file itself (path null) or of one embedded entry. */
    public record Part(String path, String text) {
    }
}
