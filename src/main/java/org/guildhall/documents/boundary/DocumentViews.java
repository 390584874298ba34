package org.guildhall.documents.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.guildhall.documents.control.DocumentTypes;
import org.guildhall.documents.entity.Document;
import org.guildhall.documents.entity.DocumentVersion;
import org.guildhall.documents.entity.ExtractionState;

/** Documents as the API shows them. */
public final class DocumentViews {

    private DocumentViews() {
    }

    /** A document with its newest version's state; {@code versions} newest first. */
    public record DocumentView(long id, String group, String title, String description, Set<String> tags, String kind,
            String uploadedBy, Instant createdAt, Instant updatedAt, Instant deletedAt, VersionView current, List<VersionView> versions) {

        static DocumentView of(Document d, boolean withVersions) {
            return new DocumentView(d.getId(), d.getGroup().getSlug(), d.getTitle(), d.getDescription(), d.getTags(), d.getKind(),
                    d.getCreatedBy().getUsername(), d.getCreatedAt(), d.getUpdatedAt(), d.getDeletedAt(),
                    d.getCurrent() == null ? null : VersionView.of(d.getCurrent()),
                    withVersions ? d.getVersions().stream().map(VersionView::of).toList() : null);
        }
    }

    /** One version: the file, who uploaded it, and what extraction made of it. */
    public record VersionView(long id, int number, String fileName, long size, String mediaType, String kind, String sha256,
            String uploadedBy, Instant uploadedAt, ExtractionState state, String reason, String author, Instant created,
            String language, Integer pages, String download) {

        static VersionView of(DocumentVersion v) {
            return new VersionView(v.getId(), v.getNumber(), v.getFileName(), v.getSize(), v.getMediaType(),
                    DocumentTypes.kind(v.getMediaType()), v.getSha256(), v.getUploadedBy().getUsername(), v.getUploadedAt(),
                    v.getExtractionState(), v.getExtractionReason(), v.getAuthor(), v.getCreated(), v.getLanguage(), v.getPages(),
                    "/api/v1/documents/" + v.getDocument().getId() + "/versions/" + v.getNumber() + "/content");
        }
    }

    /** What happened to one file of an upload: stored (with documents that had the same bytes) or rejected, and why. */
    public record UploadResult(String fileName, boolean stored, String message, DocumentView document, List<SameContent> sameContent) {
    }

    /** A document elsewhere with identical bytes. */
    public record SameContent(long id, String title, String group, String link) {
        static SameContent of(Document d) {
            return new SameContent(d.getId(), d.getTitle(), d.getGroup().getSlug(), "/documents/document.xhtml?id=" + d.getId());
        }
    }

    /** One page of a list. */
    public record DocumentPage(List<DocumentView> documents, long total, int page, int size) {
    }

    /** What a client sends to change a document's metadata; absent fields stay as they are. */
    public record DocumentChange(String title, String description, List<String> tags) {
    }
}
