package org.guildhall.extraction.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.pipes.PipesResult;
import org.apache.tika.pipes.emitter.EmitData;
import org.guildhall.extraction.control.ExtractionResult.Outcome;
import org.guildhall.extraction.control.ExtractionResult.Part;

/**
 * Turns what a Tika pipes child sent back (one metadata entry per document, container first,
 * in RMETA mode) into an {@link ExtractionResult} with a reason a committee member can read.
 */
class PipesResultReader {

    static final String ENCRYPTED = "The file is password-protected.";
    static final String EMPTY = "No text was found in the file; it may be a scanned image or contain only pictures.";
    static final String UNKNOWN_FORMAT = "No text was found: the file's format was not recognised.";
    static final String CRASHED = "The extraction process crashed on this file.";
    static final String CERTIFICATE = "The file is encrypted for particular recipients (with a certificate).";
    /**
     * PDFBox reports a PDF encrypted with someone's public key as a plain IOException with this
     * message: the file is not damaged, only not readable without that recipient's key.
     */
    private static final String PUBLIC_KEY_MARK = "Provided decryption material is not compatible with the document";
    static final String TOO_BIG = "The file would unpack to more than extraction allows.";
    static final String DAMAGED = "The file is damaged or not what its type says: ";
    /**
     * Office parts never carry a DOCTYPE; one that does is a billion-laughs or external-entity
     * attack, which the XML parsers refuse with a message about a parser feature.
     */
    static final String DOCTYPE = "The file contains an XML document type declaration, which extraction refuses for safety.";
    private static final String DOCTYPE_MARK = "DOCTYPE is disallowed";
    private static final int MAX_CAUSE_CHARS = 200;
    private static final String CAUSED_BY = "Caused by: ";
    /** "a.b.SomeException: message"; SAXParseException puts "; lineNumber: …" where the colon goes. */
    private static final Pattern EXCEPTION_LINE = Pattern.compile("([\\w$.]+)(?:[:;]\\s*(.*))?");
    /** Where in some XML part a parser choked means nothing to the uploader. */
    private static final Pattern SAX_POSITION = Pattern.compile("^(?:(?:publicId|systemId|lineNumber|columnNumber): [^;]*;\\s*)+");

    private final long timeoutMillis;
    private final int heapMb;

    PipesResultReader(long timeoutMillis, int heapMb) {
        this.timeoutMillis = timeoutMillis;
        this.heapMb = heapMb;
    }

    ExtractionResult read(PipesResult result) {
        List<Metadata> documents = documents(result.getEmitData());
        DocumentMetadata metadata = documents.isEmpty() ? DocumentMetadata.NONE : metadataOf(documents.get(0));
        return switch (result.getStatus()) {
            case PARSE_SUCCESS, PARSE_SUCCESS_WITH_EXCEPTION -> parsed(documents, metadata);
            // the child died; what it detected before (type, name) still arrives as an intermediate result
            case OOM -> new ExtractionResult(Outcome.FAILED,
                    "Extraction ran out of memory (limit " + heapMb + " MB).", List.of(), metadata);
            case TIMEOUT -> new ExtractionResult(Outcome.TIMEOUT,
                    "Extraction took longer than " + seconds(timeoutMillis) + " and was stopped.", List.of(), metadata);
            case UNSPECIFIED_CRASH -> new ExtractionResult(Outcome.FAILED, CRASHED, List.of(), metadata);
            case FETCH_EXCEPTION -> ExtractionResult.failed("The stored file could not be read.");
            case EMPTY_OUTPUT -> new ExtractionResult(Outcome.EMPTY, emptyReason(metadata), List.of(), metadata);
            // only a misconfiguration gets here (no fetcher, an emitter asked for, no client free)
            default -> ExtractionResult.failed("Extraction is not working (" + result.getStatus()
                    + "); the administrators have been told.");
        };
    }

    private static List<Metadata> documents(EmitData emitData) {
        return emitData == null || emitData.getMetadataList() == null ? List.of() : emitData.getMetadataList();
    }

    private ExtractionResult parsed(List<Metadata> documents, DocumentMetadata metadata) {
        if (documents.isEmpty()) {
            return new ExtractionResult(Outcome.EMPTY, emptyReason(metadata), List.of(), metadata);
        }
        Metadata container = documents.get(0);
        List<Part> parts = parts(documents);
        boolean hasText = parts.stream().anyMatch(p -> !p.text().isBlank());
        String stack = container.get(TikaCoreProperties.CONTAINER_EXCEPTION);
        if (encrypted(container, stack)) {
            return new ExtractionResult(Outcome.ENCRYPTED, ENCRYPTED, parts, metadata);
        }
        if (stack != null && stack.contains(PUBLIC_KEY_MARK)) {
            return new ExtractionResult(Outcome.ENCRYPTED, CERTIFICATE, parts, metadata);
        }
        if (hasText) {
            // a parse error part-way still leaves the text before it: better found than lost
            return new ExtractionResult(Outcome.DONE, null, parts, metadata);
        }
        if (stack != null && exceptionLines(stack).stream().map(PipesResultReader::exceptionClass)
                .anyMatch("TikaMemoryLimitException"::equals)) {
            return new ExtractionResult(Outcome.FAILED, TOO_BIG, parts, metadata);
        }
        if (stack != null && stack.contains(DOCTYPE_MARK)) {
            return new ExtractionResult(Outcome.FAILED, DOCTYPE, parts, metadata);
        }
        if (stack != null) {
            return new ExtractionResult(Outcome.FAILED, DAMAGED + rootCause(stack), parts, metadata);
        }
        return new ExtractionResult(Outcome.EMPTY, emptyReason(metadata), parts, metadata);
    }

    /** "Scanned image" would be untrue for a file whose format nobody recognised. */
    static String emptyReason(DocumentMetadata metadata) {
        String type = metadata.contentType() == null ? "" : metadata.contentType();
        return type.startsWith("application/octet-stream") ? UNKNOWN_FORMAT : EMPTY;
    }

    /** The container always (so its path is known), embedded documents only when they hold text. */
    private static List<Part> parts(List<Metadata> documents) {
        List<Part> parts = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            Metadata document = documents.get(i);
            String text = document.get(TikaCoreProperties.TIKA_CONTENT);
            text = text == null ? "" : text;
            if (i == 0) {
                parts.add(new Part(null, text));
            } else if (!text.isBlank()) {
                parts.add(new Part(document.get(TikaCoreProperties.EMBEDDED_RESOURCE_PATH), text));
            }
        }
        return parts;
    }

    /**
     * Parsers report a missing password in several ways: Tika's EncryptedDocumentException, POI's
     * of the same simple name (sometimes wrapped in a TikaException), POI's
     * EncryptedPowerPointFileException, and the flag RecursiveParserWrapper sets.
     */
    static boolean encrypted(Metadata container, String stack) {
        if ("true".equalsIgnoreCase(container.get(TikaCoreProperties.IS_ENCRYPTED))) {
            return true;
        }
        if (stack == null) {
            return false;
        }
        return exceptionLines(stack).stream().map(PipesResultReader::exceptionClass)
                .anyMatch(c -> c.startsWith("Encrypted") || c.equals("InvalidPasswordException")
                        || c.equals("PasswordRequiredException"));
    }

    /** The innermost cause's message (its class when it has none), short enough for a page. */
    static String rootCause(String stack) {
        List<String> lines = exceptionLines(stack);
        String root = lines.isEmpty() ? "unknown error" : lines.get(lines.size() - 1);
        root = root.startsWith(CAUSED_BY) ? root.substring(CAUSED_BY.length()) : root;
        Matcher m = EXCEPTION_LINE.matcher(root);
        String type = m.matches() ? simpleName(m.group(1)) : root;
        String message = m.matches() && m.group(2) != null ? SAX_POSITION.matcher(m.group(2).strip()).replaceFirst("") : "";
        String cause = message.isEmpty() ? type : message;
        return cause.length() <= MAX_CAUSE_CHARS ? cause : cause.substring(0, MAX_CAUSE_CHARS - 1) + "…";
    }

    /** A trace's first line and its "Caused by:" lines, outermost first; not its frames. */
    private static List<String> exceptionLines(String stack) {
        List<String> lines = new ArrayList<>();
        stack.lines().findFirst().filter(l -> !l.isBlank()).ifPresent(lines::add);
        stack.lines().skip(1).filter(l -> l.startsWith(CAUSED_BY)).forEach(lines::add);
        return lines;
    }

    private static String exceptionClass(String line) {
        String s = line.startsWith(CAUSED_BY) ? line.substring(CAUSED_BY.length()) : line;
        int colon = s.indexOf(':');
        return simpleName(colon < 0 ? s : s.substring(0, colon)).strip();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    static DocumentMetadata metadataOf(Metadata m) {
        String[] creators = m.getValues(TikaCoreProperties.CREATOR);
        String author = creators.length == 0 ? null : String.join(", ", creators);
        Date created = m.getDate(TikaCoreProperties.CREATED);
        String language = firstNonBlank(m.get(TikaCoreProperties.LANGUAGE), m.get("Content-Language"));
        Integer pages = m.getInt(PagedText.N_PAGES);
        pages = pages != null ? pages : m.getInt(Office.PAGE_COUNT);
        pages = pages != null ? pages : m.getInt(Office.SLIDE_COUNT);
        return new DocumentMetadata(blankToNull(m.get(TikaCoreProperties.TITLE)), blankToNull(author),
                created == null ? null : created.toInstant(), language, pages, m.get(Metadata.CONTENT_TYPE));
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : blankToNull(b);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String seconds(long millis) {
        if (millis % 1000 == 0) {
            long s = millis / 1000;
            return s == 1 ? "1 second" : s + " seconds";
        }
        return String.format(Locale.ROOT, "%.1f seconds", millis / 1000.0);
    }
}
