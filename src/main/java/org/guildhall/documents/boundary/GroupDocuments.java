package org.guildhall.documents.boundary;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.guildhall.documents.control.DocumentException;
import org.guildhall.documents.control.DocumentList;
import org.guildhall.documents.control.DocumentNotFound;
import org.guildhall.documents.control.DocumentQuery;
import org.guildhall.documents.control.DocumentTypes;
import org.guildhall.documents.control.Documents;
import org.guildhall.documents.control.Tags;
import org.guildhall.documents.control.Uploads;
import org.guildhall.documents.entity.Document;
import org.guildhall.groups.boundary.GroupPage;
import org.guildhall.groups.control.GroupAccess;
import org.guildhall.groups.control.GroupNotFound;
import org.guildhall.identity.boundary.CurrentAccount;
import org.primefaces.event.FileUploadEvent;

/**
 * The Documents section of the group page: upload (several files, drag and drop, progress and
 * a result per file), the list with its filters, order and pages, and the committee's trash.
 */
@Named
@ViewScoped
public class GroupDocuments implements Serializable {

    @Inject
    transient Documents documents;

    @Inject
    transient Uploads uploads;

    @Inject
    transient GroupAccess access;

    @Inject
    transient CurrentAccount currentAccount;

    @Inject
    transient FacesContext faces;

    @Inject
    GroupPage page;

    private String tag;
    private String kind;
    private DocumentQuery.Sort sort = DocumentQuery.Sort.DATE;
    private boolean descending = true;
    private int pageNumber;
    private String uploadTags;
    private DocumentList list;
    private List<String> tagChoices;
    private List<Document> trash;
    private boolean mayUpload;
    private final List<UploadFeedback.Outcome> results = new java.util.ArrayList<>();

    /** View action, after the group page loaded its group. */
    public void load() {
        if (page.getGroup() == null) {
            return;
        }
        mayUpload = access.may(currentAccount.caller(), GroupAccess.Action.UPLOAD, page.getGroup());
        refresh();
    }

    public void refresh() {
        try {
            list = documents.list(currentAccount.caller(), page.getSlug(), new DocumentQuery(tag, kind, sort, descending, pageNumber, 20));
            tagChoices = documents.tagsOf(currentAccount.caller(), page.getSlug());
            trash = documents.trash(currentAccount.caller(), page.getSlug());
        } catch (GroupNotFound e) {
            // the viewer lost the group since the page was loaded: nothing more to show (the page then answers 404)
            list = null;
            tagChoices = List.of();
            trash = List.of();
        }
    }

    public void upload(FileUploadEvent event) throws IOException {
        UploadFeedback.Outcome outcome = UploadFeedback.upload(faces, uploads, event.getFile().getFileName(), event.getFile().getInputStream(),
                staged -> documents.store(currentAccount.caller(), page.getSlug(), staged, null, null, Tags.parse(uploadTags)));
        results.add(0, outcome);
        if (outcome.stored()) {
            // a refused file changed nothing; and when the database is gone, reading the list
            // again would replace the file's answer with an error page
            pageNumber = 0;
            refresh();
        }
    }

    public void filter() {
        pageNumber = 0;
        refresh();
    }

    public void sortBy(String column) {
        DocumentQuery.Sort chosen = DocumentQuery.Sort.valueOf(column);
        descending = chosen == sort ? !descending : chosen == DocumentQuery.Sort.DATE;
        sort = chosen;
        refresh();
    }

    public void next() {
        if (isHasNext()) {
            pageNumber++;
            refresh();
        }
    }

    public void previous() {
        if (pageNumber > 0) {
            pageNumber--;
            refresh();
        }
    }

    public void restore(long id) {
        try {
            page.act(() -> {
                documents.restore(currentAccount.caller(), id);
                return "Restored.";
            });
        } catch (DocumentException | DocumentNotFound e) {
            faces.addMessage(null, new jakarta.faces.application.FacesMessage(jakarta.faces.application.FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
        refresh();
    }

    /** The list shows states that still change: the page polls until none does. */
    public boolean isWorking() {
        return list != null && list.documents().stream().anyMatch(d -> d.getCurrent() != null && !d.getCurrent().getExtractionState().isTerminal());
    }

    public boolean isHasNext() {
        return list != null && (long) (pageNumber + 1) * list.size() < list.total();
    }

    public String getPageLabel() {
        if (list == null || list.total() == 0) {
            return "";
        }
        long first = (long) pageNumber * list.size() + 1;
        return first + "–" + Math.min(list.total(), first + list.size() - 1) + " of " + list.total();
    }

    public List<Document> getDocuments() {
        return list == null ? List.of() : list.documents();
    }

    public String[] getKinds() {
        return DocumentTypes.KINDS;
    }

    public List<String> getTagChoices() {
        return tagChoices;
    }

    /** This page's uploads so far, newest first: each file's result stays visible. */
    public List<UploadFeedback.Outcome> getResults() {
        return results;
    }

    public List<Document> getTrash() {
        return trash;
    }

    public boolean isMayUpload() {
        return mayUpload;
    }

    public long getMaxBytes() {
        return uploads.maxBytes();
    }

    public int getTrashDays() {
        return documents.trashDays();
    }

    public boolean isPreviousPossible() {
        return pageNumber > 0;
    }

    public String getSortLabel() {
        return sort.name().toLowerCase() + (descending ? " ↓" : " ↑");
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getUploadTags() {
        return uploadTags;
    }

    public void setUploadTags(String uploadTags) {
        this.uploadTags = uploadTags;
    }
}
