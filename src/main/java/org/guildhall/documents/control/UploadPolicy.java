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
import java.util.function.LongSupplier;
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
    private final long minFreeBytes;
    private final LongSupplier usableSpace;

    /**
     * @param allowed media types, with {@code family*} for a prefix, or the single entry "*" for
     *                anything (for a trusted bulk import)
     */
    public UploadPolicy(long maxBytes, List<String> allowed, Path stagingFolder, Detector detector) {
        this(maxBytes, allowed, stagingFolder, detector, 0, null);
    }

    /**
     * @param minFreeBytes what must stay free on the staging folder's disk (which is the blobs'
     *                     disk, and by default the database's and the index's): an upload that
     *                     would leave less is refused, so a full disk never takes them down
     * @param usableSpace  the disk's usable bytes now; null to ask the staging folder's file store
     */
    public UploadPolicy(long maxBytes, List<String> allowed, Path stagingFolder, Detector detector, long minFreeBytes,
            LongSupplier usableSpace) {
        this.maxBytes = maxBytes;
        this.allowed = allowed.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        this.stagingFolder = stagingFolder;
        this.detector = detector;
        this.minFreeBytes = Math.max(0, minFreeBytes);
        this.usableSpace = usableSpace != null ? usableSpace : this::stagingDiskUsable;
    }

    /** Streams the upload to a temporary file and checks it; the caller stores or deletes the staged file. */
    public StagedFile stage(InputStream content, String offeredName) throws UploadRejected, IOException {
        return stage(content, offeredName, 0);
    }

    /**
     * As {@link #stage(InputStream, String)}, refusing at once when {@code expectedBytes} (the
     * request's length when the client sent one, else 0) would not leave the floor free.
     */
    public StagedFile stage(InputStream content, String offeredName, long expectedBytes) throws UploadRejected, IOException {
        String name = FileNames.clean(offeredName);
        requireRoom(expectedBytes);
        Path temp;
        try {
            Files.createDirectories(stagingFolder);
            temp = Files.createTempFile(stagingFolder, "upload-", ".part");
        } catch (IOException e) {
            if (outOfSpace(e)) {
                throw new StorageFull();
            }
            throw e;
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try {
                size = copyAtMost(content, temp, sha256);
            } catch (IOException e) {
                // the client's stream failing is not the disk's fault: only a write can run out of room
                if (outOfSpace(e)) {
                    throw new StorageFull();
                }
                throw e;
            }
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

    /** Refuses when storing {@code bytes} more would leave less than the floor free (always when the disk is already below it). */
    public void requireRoom(long bytes) throws StorageFull {
        if (usableSpace.getAsLong() - Math.max(0, bytes) < minFreeBytes) {
            throw new StorageFull();
        }
    }

    /**
     * A write failed because the disk is full: Linux says "No space left on device" (ENOSPC) or
     * "Disk quota exceeded"; elsewhere the disk is asked directly.
     */
    private boolean outOfSpace(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left") || message.contains("quota") || usableSpace.getAsLong() < 64 * 1024;
    }

    private long stagingDiskUsable() {
        try {
            Files.createDirectories(stagingFolder);
            return Files.getFileStore(stagingFolder).getUsableSpace();
        } catch (IOException e) {
            // cannot tell: the write itself will say if there is no room
            return Long.MAX_VALUE;
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
