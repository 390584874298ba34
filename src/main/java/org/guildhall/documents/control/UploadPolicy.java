package org.guildhall.documents.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

/**
 * What an upload must be, checked while the bytes arrive: no larger than the limit (counted as
 * they stream, so an oversized file is cut off, never buffered whole), not empty, and of an
 * allowed media type as Tika detects it from the bytes alone (neither the name nor the
 * client's Content-Type is believed). A refused file leaves nothing behind.
 */
public class UploadPolicy {

    /** Document types a portal of committee papers takes by default; a trailing '*' allows a family. */
    public static final List<String> DEFAULT_ALLOWED = List.of(
            "application/pdf",
            "application/msword", "application/vnd.ms-word*", "application/vnd.ms-excel*", "application/vnd.ms-powerpoint*",
            "application/vnd.openxmlformats-officedocument.*", "application/vnd.oasis.opendocument.*",
            "application/x-tika-ooxml", "application/x-tika-ooxml-protected", "application/x-tika-msoffice",
            "application/vnd.ms-outlook", "application/vnd.ms-tnef",
            "application/rtf", "text/plain", "text/csv", "text/tab-separated-values", "text/markdown", "text/x-web-markdown",
            "text/html", "application/xhtml+xml", "application/xml", "text/xml",
            "message/*", "application/mbox",
            "application/epub+zip", "application/x-ibooks+zip", "application/x-fictionbook+xml",
            "image/png", "image/jpeg", "image/gif", "image/tiff", "image/webp", "image/bmp",
            "application/zip",
            "application/vnd.apple.pages", "application/vnd.apple.numbers", "application/vnd.apple.keynote",
            "application/vnd.visio", "application/vnd.ms-project", "application/x-mspublisher", "application/onenote");

    private final long maxBytes;
    private final List<String> allowed;
    private final Path stagingFolder;
    private final Detector detector;

    /**
     * @param allowed media types, with {@code family*} for a prefix, or the single entry "*" for
     *                anything (for a trusted bulk import)
     */
    public UploadPolicy(long maxBytes, List<String> allowed, Path stagingFolder, Detector detector) {
        this.maxBytes = maxBytes;
        this.allowed = allowed.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        this.stagingFolder = stagingFolder;
        this.detector = detector;
    }

    /** Streams the upload to a temporary file and checks it; the caller stores or deletes the staged file. */
    public StagedFile stage(InputStream content, String offeredName) throws UploadRejected, IOException {
        String name = FileNames.clean(offeredName);
        Files.createDirectories(stagingFolder);
        Path temp = Files.createTempFile(stagingFolder, "upload-", ".part");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = copyAtMost(content, temp, sha256);
            if (size == 0) {
                throw new UploadRejected(name + ": the file is empty.");
            }
            String type = detect(temp);
            if (!isAllowed(type)) {
                throw new UploadRejected(name + ": files of type " + type + " are not accepted here"
                        + (type.contains("executable") || type.contains("dosexec") || type.contains("elf") ? " (it is a program, not a document)." : "."));
            }
            return new StagedFile(temp, HexFormat.of().formatHex(sha256.digest()), size, type, name);
        } catch (UploadRejected | IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        } catch (NoSuchAlgorithmException e) {
            Files.deleteIfExists(temp);
            throw new IllegalStateException(e);
        }
    }

    private long copyAtMost(InputStream content, Path temp, MessageDigest digest) throws IOException, UploadRejected {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
            for (int n; (n = content.read(buffer)) != -1; ) {
                total += n;
                if (total > maxBytes) {
                    throw new UploadRejected("The file is larger than the limit of " + humanSize(maxBytes) + ".");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    /** The media type from the bytes alone (magic numbers, and for zip files what is inside). */
    String detect(Path file) throws IOException {
        try (TikaInputStream stream = TikaInputStream.get(file)) {
            MediaType type = detector.detect(stream, new Metadata());
            return type.getBaseType().toString();
        }
    }

    boolean isAllowed(String type) {
        boolean program = type.contains("executable") || type.contains("dosexec") || type.contains("msdownload") || type.equals("application/x-elf");
        for (String rule : allowed) {
            if (rule.equals("*")) {
                if (!program) {
                    return true;
                }
                continue;
            }
            if (rule.endsWith("*") ? type.startsWith(rule.substring(0, rule.length() - 1)) : type.equals(rule)) {
                return true;
            }
        }
        return false;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public static String humanSize(long bytes) {
        if (bytes >= 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
        }
        if (bytes >= 1024L * 1024) {
            return String.format(Locale.ROOT, "%d MB", Math.round(bytes / (1024.0 * 1024)));
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%d KB", Math.round(bytes / 1024.0));
        }
        return bytes + " bytes";
    }
}
