package org.guildhall.documents.control;

import java.util.Locale;

/** The kinds of document people filter by (pdf, word, spreadsheet, …), from a detected media type. */
public final class DocumentTypes {

    public static final String[] KINDS = {"pdf", "word", "spreadsheet", "slides", "email", "text", "html", "image", "ebook", "archive", "other"};

    private DocumentTypes() {
    }

    public static String kind(String mediaType) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (type.equals("application/pdf")) {
            return "pdf";
        }
        if (type.contains("wordprocessing") || type.startsWith("application/msword") || type.startsWith("application/vnd.ms-word")
                || type.contains("opendocument.text") || type.contains("rtf") || type.contains("apple.pages")) {
            return "word";
        }
        if (type.contains("spreadsheet") || type.startsWith("application/vnd.ms-excel") || type.equals("text/csv")
                || type.contains("apple.numbers") || type.equals("text/tab-separated-values")) {
            return "spreadsheet";
        }
        if (type.contains("presentation") || type.startsWith("application/vnd.ms-powerpoint") || type.contains("apple.keynote")) {
            return "slides";
        }
        if (type.startsWith("message/") || type.contains("outlook") || type.contains("mbox") || type.contains("ms-tnef")) {
            return "email";
        }
        if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
            return "html";
        }
        if (type.startsWith("text/")) {
            return "text";
        }
        if (type.startsWith("image/")) {
            return "image";
        }
        if (type.contains("epub") || type.contains("fictionbook") || type.contains("ibooks")) {
            return "ebook";
        }
        if (type.contains("zip") || type.contains("tar") || type.contains("gzip") || type.contains("7z") || type.contains("compress")) {
            return "archive";
        }
        return "other";
    }
}
