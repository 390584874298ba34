package org.guildhall.documents.control;

import java.util.LinkedHashMap;
import java.util.Map;
import org.guildhall.documents.entity.DocumentVersion;

/**
 * The headers of every download, from the page servlet and from the API alike: always an
 * attachment with its name per RFC 6266, never sniffed, sandboxed should a browser render it
 * anyway, and validated by the content's hash.
 */
public final class DownloadHeaders {

    private DownloadHeaders() {
    }

    public static String etag(DocumentVersion version) {
        return "\"" + version.getSha256() + "\"";
    }

    /** Headers for a 304 answer as well as for the full one. */
    public static Map<String, String> of(DocumentVersion version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", etag(version));
        headers.put("Cache-Control", "private, no-cache");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", "sandbox; default-src 'none'");
        headers.put("Content-Disposition", ContentDisposition.attachment(version.getFileName()));
        return headers;
    }
}
