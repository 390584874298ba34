package org.guildhall.documents.control;

import java.text.Normalizer;

/**
 * Turns the name a browser or client sent into a name fit to show and to offer on download:
 * NFC, no folders, no control or bidirectional-formatting characters, at most 255 characters
 * with the extension kept. It is only ever displayed; no path is built from it.
 */
public final class FileNames {

    static final int MAX_LENGTH = 255;
    static final String FALLBACK = "document";

    private FileNames() {
    }

    public static String clean(String offered) {
        if (offered == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(offered, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints()
                .map(c -> Character.isWhitespace(c) ? ' ' : c)
                .filter(c -> Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.FORMAT
                        && Character.getType(c) != Character.SURROGATE && Character.getType(c) != Character.PRIVATE_USE
                        && c != 0xFFFD)
                .forEach(kept::appendCodePoint);
        name = kept.toString().replaceAll(" {2,}", " ").strip();
        // no hidden files and no "." or ".." once the folders are gone
        name = name.replaceFirst("^[. ]+", "").replaceFirst("[. ]+$", "");
        if (name.isEmpty()) {
            return FALLBACK;
        }
        return shorten(name);
    }

    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String base = extension.isEmpty() ? name : name.substring(0, dot);
        int room = MAX_LENGTH - extension.codePointCount(0, extension.length());
        return base.substring(0, base.offsetByCodePoints(0, room)) + extension;
    }

    /**
     * Undoes a multipart parser's reading of a UTF-8 file name as ISO-8859-1 ("RÃ©union" for
     * "Réunion"): browsers and curl send raw UTF-8, Jersey decodes it as Latin-1. A name that
     * does not decode as UTF-8 is returned as it came.
     */
    public static String fromLatin1Misreading(String name) {
        if (name == null || name.chars().allMatch(c -> c < 0x80) || name.chars().anyMatch(c -> c > 0xFF)) {
            return name;
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return name;
        }
    }

    /** The file's extension in lower case, without the dot, or "". */
    public static String extension(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
