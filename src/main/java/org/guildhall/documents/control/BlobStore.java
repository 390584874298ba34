package org.guildhall.documents.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.guildhall.platform.control.DataFolder;

/**
 * The bytes of every version, content-addressed under {@code blobs/ab/cd/<sha256>}: identical
 * content is stored once, and a blob never changes once written. Files arrive by an atomic
 * move from the staging folder on the same disk, so a blob is either whole or absent.
 */
@ApplicationScoped
public class BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @Inject
    DataFolder dataFolder;

    private Path root;

    @PostConstruct
    void init() {
        root = dataFolder.folder("blobs");
    }

    /** Where uploads wait while they are checked: on the blobs' disk, so the final move is atomic. */
    public Path stagingFolder() {
        return dataFolder.folder("tmp").resolve("uploads");
    }

    public Path root() {
        return root;
    }

    /** The blob's path relative to {@link #root()}. */
    public String relativePath(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
        return sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
    }

    public Path path(String sha256) {
        return root.resolve(relativePath(sha256));
    }

    /** Moves a staged file in as the blob of its hash; when that blob exists already, the staged copy goes. */
    public void put(Path staged, String sha256) {
        Path target = path(sha256);
        try {
            if (Files.exists(target)) {
                Files.deleteIfExists(staged);
                return;
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(staged);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("The staging folder and the blobs must be on one file system", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store blob " + sha256, e);
        }
    }

    public boolean exists(String sha256) {
        return Files.exists(path(sha256));
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    public void delete(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete blob " + sha256, e);
        }
    }

    /** Every blob's hash (for the start-up check against the database). */
    public Stream<String> all() throws IOException {
        return Files.walk(root, 3).filter(Files::isRegularFile)
                .map(p -> p.getFileName().toString()).filter(n -> SHA256.matcher(n).matches());
    }
}
