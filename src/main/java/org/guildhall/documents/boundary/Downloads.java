package org.guildhall.documents.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.guildhall.documents.control.BlobStore;
import org.guildhall.documents.control.DownloadHeaders;
import org.guildhall.documents.control.DocumentNotFound;
import org.guildhall.documents.control.Documents;
import org.guildhall.documents.entity.DocumentVersion;
import org.guildhall.identity.boundary.CurrentAccount;

/**
 * {@code /download/<version id>} for the pages: streamed, authorised like the document page
 * (a document the viewer may not read is a 404), always an attachment, never rendered on
 * Guildhall's origin.
 */
@WebServlet("/download/*")
public class Downloads extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(Downloads.class.getName());

    @Inject
    Documents documents;

    @Inject
    CurrentAccount currentAccount;

    @Inject
    BlobStore blobs;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long versionId;
        try {
            versionId = Long.parseLong(request.getPathInfo() == null ? "" : request.getPathInfo().substring(1));
        } catch (NumberFormatException e) {
            response.sendError(404);
            return;
        }
        DocumentVersion version;
        try {
            version = documents.readableVersion(currentAccount.caller(), versionId);
        } catch (DocumentNotFound e) {
            response.sendError(404);
            return;
        }
        send(version, blobs, request.getHeader("If-None-Match"), response);
    }

    private static void send(DocumentVersion version, BlobStore blobs, String ifNoneMatch, HttpServletResponse response) throws IOException {
        DownloadHeaders.of(version).forEach(response::setHeader);
        if (DownloadHeaders.etag(version).equals(ifNoneMatch)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(version.getMediaType());
        response.setContentLengthLong(version.getSize());
        try (InputStream in = blobs.open(version.getSha256()); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        } catch (java.nio.file.NoSuchFileException e) {
            LOG.log(Level.SEVERE, "The blob of version {0} is missing", version.getId());
            response.reset();
            response.sendError(500);
        }
    }
}
