package org.guildhall.documents.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.guildhall.documents.control.DocumentException;
import org.guildhall.documents.control.DocumentNotFound;
import org.guildhall.documents.control.DocumentTypes;
import org.guildhall.documents.control.Documents;
import org.guildhall.documents.control.Tags;
import org.guildhall.documents.control.UploadPolicy;
import org.guildhall.documents.control.Uploads;
import org.guildhall.documents.entity.Document;
import org.guildhall.documents.entity.DocumentVersion;
import org.guildhall.groups.control.NotAllowed;
import org.guildhall.identity.boundary.CurrentAccount;
import org.primefaces.event.FileUploadEvent;

/**
 * The document page: metadata, what extraction found (live until it is done), the version
 * history with downloads, a new version, editing, trash and restore, and Retry.
 */
@Named
@ViewScoped
public class DocumentPage implements Serializable {

    @Inject
    transient Documents documents;

    @Inject
    transient Uploads uploads;

    @Inject
    transient CurrentAccount currentAccount;

    @Inject
    transient FacesContext faces;

    private Long id;
    private Document document;
    private boolean mayEdit;
    private boolean mayManage;
    private String title;
    private String description;
    private String tags;
    private boolean loaded;

    /** View action: the document, or the 404 page for one that does not exist or may not be read. */
    public void load() throws IOException {
        loaded = true;
        try {
            if (id == null) {
                throw new DocumentNotFound();
            }
            refresh();
            title = document.getTitle();
            description = document.getDescription();
            tags = String.join(", ", document.getTags());
        } catch (DocumentNotFound e) {
            faces.getExternalContext().responseSendError(404, "Not found");
            faces.responseComplete();
        }
    }

    /**
     * Before every answer to a postback, AJAX included: a page loaded while its document was
     * readable holds its content, and must not show it again to someone who lost the right a
     * moment ago (removed from the group, say). Such a page goes to its own address, which
     * answers 404 as for anything they cannot see.
     */
    public void verify() throws IOException {
        if (!faces.isPostback() || document == null) {
            return;
        }
        try {
            documents.readable(currentAccount.caller(), document.getId());
        } catch (DocumentNotFound e) {
            ExternalContext external = faces.getExternalContext();
            external.redirect(external.getRequestContextPath() + "/documents/document.xhtml?id=" + document.getId());
            faces.responseComplete();
        }
    }

    public void refresh() {
        document = documents.readable(currentAccount.caller(), id);
        mayEdit = documents.mayEdit(currentAccount.caller(), document);
        mayManage = documents.mayManage(currentAccount.caller(), document);
    }

    public void save() {
        act(() -> documents.update(currentAccount.caller(), id, title, description, Tags.parse(tags)), "Saved.");
    }

    public void delete() {
        act(() -> documents.delete(currentAccount.caller(), id), "Moved to the trash. The committee can restore it for "
                + documents.trashDays() + " days.");
    }

    public void restore() {
        act(() -> documents.restore(currentAccount.caller(), id), "Restored.");
    }

    public void retry() {
        act(() -> documents.retry(currentAccount.caller(), document.getCurrent().getId()), "Extraction queued again.");
    }

    public void uploadVersion(FileUploadEvent event) throws IOException {
        UploadFeedback.Outcome outcome = UploadFeedback.upload(faces, uploads, event.getFile().getFileName(), event.getFile().getInputStream(),
                staged -> documents.storeVersion(currentAccount.caller(), id, staged));
        if (outcome.stored()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, outcome.fileName() + ": stored as the newest version.", null));
            // only then is there anything new to show (and with the database gone, reading would fail)
            refresh();
        }
    }

    private void act(Runnable change, String done) {
        try {
            change.run();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
        } catch (DocumentException | NotAllowed e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        } catch (DocumentNotFound e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "This document is no longer available.", null));
            return;
        }
        try {
            refresh();
        } catch (DocumentNotFound gone) {
            // deleted by someone who may not see the trash: back to the group, with the message
            String group = document.getGroup().getSlug();
            faces.getExternalContext().getFlash().setKeepMessages(true);
            try {
                faces.getExternalContext().redirect(faces.getExternalContext().getRequestContextPath() + "/groups/group.xhtml?slug=" + group);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    public boolean isWorking() {
        return document != null && document.getCurrent() != null && !document.getCurrent().getExtractionState().isTerminal();
    }

    public boolean isRetryable() {
        return mayEdit && !isWorking() && document.getCurrent() != null
                && document.getCurrent().getExtractionState() != org.guildhall.documents.entity.ExtractionState.DONE;
    }

    public String size(DocumentVersion version) {
        return UploadPolicy.humanSize(version.getSize());
    }

    public String getKind() {
        return document == null || document.getCurrent() == null ? "" : DocumentTypes.kind(document.getCurrent().getMediaType());
    }

    public List<DocumentVersion> getVersions() {
        return document == null ? List.of() : document.getVersions();
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        // only the address the page was opened with names what it shows: a postback that sends the
        // parameter again, with another value, must not turn the page's forms onto something else
        if (!loaded) {
            this.id = id;
        }
    }

    public Document getDocument() {
        return document;
    }

    public boolean isMayEdit() {
        return mayEdit;
    }

    public boolean isMayManage() {
        return mayManage;
    }

    public long getMaxBytes() {
        return uploads.maxBytes();
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }
}
