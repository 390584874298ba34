package org.guildhall.documents.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.documents.control.FileNames;
import org.guildhall.documents.control.StagedFile;
import org.guildhall.documents.control.Stored;
import org.guildhall.documents.control.UploadRejected;
import org.guildhall.documents.control.Uploads;
import org.guildhall.groups.control.NotAllowed;

/** Stages one file of a page upload and says, per file, what became of it (refusals also as a message). */
public final class UploadFeedback {

    private static final Logger LOG = Logger.getLogger(UploadFeedback.class.getName());

    private UploadFeedback() {
    }

    /** What the page does with a staged file once the policy accepted it. */
    @FunctionalInterface
    interface Store {
        Stored store(StagedFile staged);
    }

    /** What became of one file, for the page's list of results. */
    public record Outcome(String fileName, boolean stored, String message, Long documentId, List<SameContent> sameContent) implements Serializable {
    }

    /** A document that already had the same bytes, with its link. */
    public record SameContent(long id, String title, String group) implements Serializable {
    }

    static Outcome upload(FacesContext faces, Uploads uploads, String fileName, InputStream content, Store store) {
        StagedFile staged = null;
        String shown = FileNames.clean(fileName);
        try {
            staged = uploads.stage(content, fileName);
            Stored stored = store.store(staged);
            return new Outcome(stored.version().getFileName(), true, "stored", stored.document().getId(),
                    stored.sameContent().stream().map(d -> new SameContent(d.getId(), d.getTitle(), d.getGroup().getName())).toList());
        } catch (UploadRejected e) {
            return refused(faces, shown, e.getMessage());
        } catch (NotAllowed e) {
            uploads.discard(staged);
            return refused(faces, shown, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (staged != null) {
                uploads.discard(staged);
            }
            LOG.log(Level.WARNING, "Upload of a file failed", e);
            return refused(faces, shown, "The file could not be stored because of a problem on the server; nothing was kept. Please try again.");
        }
    }

    private static Outcome refused(FacesContext faces, String fileName, String why) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, why, null));
        return new Outcome(fileName, false, why, null, List.of());
    }
}
