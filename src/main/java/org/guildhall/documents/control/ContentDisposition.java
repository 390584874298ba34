package org.guildhall.documents.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a download, per RFC 6266: an ASCII-only
 * {@code filename} for old clients and the exact name as {@code filename*=UTF-8''…}. Nothing
 * of the name can break out of the header (quotes, CR/LF, non-ASCII are all encoded).
 */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    public static String attachment(String fileName) {
        String name = FileNames.clean(fileName);
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
