package org.guildhall.documents.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.tika.detect.DefaultDetector;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The configured upload policy: {@code guildhall.upload.max-bytes} and {@code guildhall.upload.allowed-types}. */
@ApplicationScoped
public class Uploads {

    @Inject
    @ConfigProperty(name = "guildhall.upload.max-bytes", defaultValue = "104857600")
    long maxBytes;

    /** Comma-separated; empty for {@link UploadPolicy#DEFAULT_ALLOWED}. A String, because Payara 7 fails to inject an Optional&lt;List&gt;. */
    @Inject
    @ConfigProperty(name = "guildhall.upload.allowed-types", defaultValue = " ")
    String allowedTypes;

    /**
     * What must stay free on the data folder's disk (blobs, and by default the database and the
     * index): uploads that would leave less are refused with "storage is full".
     */
    @Inject
    @ConfigProperty(name = "guildhall.storage.min-free-bytes", defaultValue = "104857600")
    long minFreeBytes;

    @Inject
    BlobStore blobs;

    private UploadPolicy policy;

    @PostConstruct
    void init() {
        // Tika's detectors from the WAR: magic numbers, and zip containers (OOXML, ODF, EPUB) by their entries
        List<String> configured = allowedTypes.isBlank() ? List.of() : List.of(allowedTypes.split(","));
        policy = new UploadPolicy(maxBytes, configured.isEmpty() ? UploadPolicy.DEFAULT_ALLOWED : configured,
                blobs.stagingFolder(), new DefaultDetector(Uploads.class.getClassLoader()), minFreeBytes, null);
    }

    public StagedFile stage(InputStream content, String offeredName) throws UploadRejected, IOException {
        return policy.stage(content, offeredName);
    }

    /** @param expectedBytes the request's length when known (0 otherwise): refused at once when it would not fit */
    public StagedFile stage(InputStream content, String offeredName, long expectedBytes) throws UploadRejected, IOException {
        return policy.stage(content, offeredName, expectedBytes);
    }

    /** Refused before anything is read when {@code bytes} more would not leave the storage floor free. */
    public void requireRoom(long bytes) throws StorageFull {
        policy.requireRoom(bytes);
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Deletes a staged file that was not stored after all (the caller lost the right to upload meanwhile, say). */
    public void discard(StagedFile staged) {
        try {
            java.nio.file.Files.deleteIfExists(staged.file());
        } catch (IOException ignored) {
            // the start-up clean-up removes it
        }
    }
}
