package org.guildhall.documents.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.documents.control.StagedFile;
import org.guildhall.documents.control.Stored;
import org.guildhall.documents.control.UploadRejected;
import org.guildhall.documents.control.Uploads;
import org.guildhall.groups.control.NotAllowed;

/** Stages one file of a page upload and tells the uploader, per file, what became of it. */
final class UploadFeedback {

    private static final Logger LOG = Logger.getLogger(UploadFeedback.class.getName());

    private UploadFeedback() {
    }

    /** What the page does with a staged file once the policy accepted it. */
    @FunctionalInterface
    interface Store {
        Stored store(StagedFile staged);
    }

    static void upload(FacesContext faces, Uploads uploads, String fileName, InputStream content, Store store) {
        StagedFile staged = null;
        try {
            staged = uploads.stage(content, fileName);
            Stored stored = store.store(staged);
            String same = stored.sameContent().isEmpty() ? "" : " The same file is already in "
                    + String.join(", ", stored.sameContent().stream().map(d -> "“" + d.getTitle() + "” (" + d.getGroup().getName() + ")").toList()) + ".";
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, stored.version().getFileName() + ": stored." + same, null));
        } catch (UploadRejected e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        } catch (NotAllowed e) {
            uploads.discard(staged);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        } catch (IOException | RuntimeException e) {
            if (staged != null) {
                uploads.discard(staged);
            }
            LOG.log(Level.WARNING, "Upload of a file failed", e);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "The file could not be stored because of a problem on the server; nothing was kept. Please try again.", null));
        }
    }
}
