package org.guildhall.documents.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
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

    private static final Logger LOG = Logger.getLogger(BlobStore.class.getName());
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @Inject
    DataFolder dataFolder;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    private Path root;

    /**
     * Blobs put by transactions that have not ended yet: their rows are not visible to a
     * reference count, so a purge must not delete them meanwhile.
     */
    private final Map<String, Integer> pending = new HashMap<>();

    /**
     * Blobs a pending transaction created (the hash was not stored before) and none that used
     * them has committed yet: if all of them roll back (the database went away before the commit),
     * the blob goes too, at once, instead of waiting for the next start-up's clean-up.
     */
    private final Set<String> uncommitted = new HashSet<>();

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

    /**
     * Moves a staged file in as the blob of its hash; when that blob exists already, the staged
     * copy goes. Called inside the transaction that records the version: until it ends, the
     * blob counts as in use.
     */
    public void put(Path staged, String sha256) {
        synchronized (pending) {
            pending.merge(sha256, 1, Integer::sum);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                synchronized (pending) {
                    if (status != Status.STATUS_ROLLEDBACK) {
                        // committed, or an outcome nobody knows (a commit whose answer was lost):
                        // a row may use the blob, so it stays
                        uncommitted.remove(sha256);
                    }
                    pending.computeIfPresent(sha256, (sha, count) -> count == 1 ? null : count - 1);
                    if (!pending.containsKey(sha256) && uncommitted.remove(sha256)) {
                        discardRolledBack(sha256);
                    }
                }
            }
        });
        synchronized (pending) {
            if (move(staged, sha256)) {
                uncommitted.add(sha256);
            }
        }
    }

    private void discardRolledBack(String sha256) {
        try {
            Files.deleteIfExists(path(sha256));
            LOG.log(Level.INFO, "Blob {0} removed: the transaction that stored it did not commit", sha256);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Blob " + sha256 + " of a transaction that did not commit stays until the next start-up", e);
        }
    }

    /**
     * Deletes a blob when no transaction is putting it and {@code unreferenced} (asked while
     * no put can interleave) says no version uses it.
     */
    public boolean deleteIfUnused(String sha256, BooleanSupplier unreferenced) {
        synchronized (pending) {
            if (pending.containsKey(sha256) || !unreferenced.getAsBoolean()) {
                return false;
            }
            delete(sha256);
            return true;
        }
    }

    /** True when this created the blob, false when it was there already. */
    private boolean move(Path staged, String sha256) {
        Path target = path(sha256);
        try {
            if (Files.exists(target)) {
                Files.deleteIfExists(staged);
                return false;
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(staged);
                return false;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("The staging folder and the blobs must be on one file system", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store blob " + sha256, e);
        }
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

    /**
     * Every blob's hash (for the start-up check against the database). From the real path: a
     * walk does not enter a blobs folder that is a link to another disk, and would find nothing.
     */
    public Stream<String> all() throws IOException {
        return Files.walk(root.toRealPath(), 3).filter(Files::isRegularFile)
                .map(p -> p.getFileName().toString()).filter(n -> SHA256.matcher(n).matches());
    }
}
