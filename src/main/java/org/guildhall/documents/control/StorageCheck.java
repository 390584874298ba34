package org.guildhall.documents.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * At start-up, before any upload can be in flight: uploads interrupted by a crash are
 * removed from the staging folder, and blobs that no version references (a crash between
 * storing the bytes and committing the row) are deleted. The database is the truth.
 */
@ApplicationScoped
public class StorageCheck {

    private static final Logger LOG = Logger.getLogger(StorageCheck.class.getName());

    @Inject
    BlobStore blobs;

    @PersistenceContext
    EntityManager em;

    // after the schema migration (platform's Bootstrap observes with priority 1)
    void check(@Observes @jakarta.annotation.Priority(100) Startup startup) {
        try {
            int staged = clearStaging();
            Set<String> referenced = new HashSet<>(em.createQuery("select distinct v.sha256 from DocumentVersion v", String.class).getResultList());
            List<String> orphans;
            try (Stream<String> all = blobs.all()) {
                orphans = all.filter(sha -> !referenced.contains(sha)).toList();
            }
            orphans.forEach(blobs::delete);
            if (staged + orphans.size() > 0) {
                LOG.log(Level.INFO, "Start-up clean-up: {0} interrupted upload(s) and {1} unreferenced blob(s) removed",
                        new Object[]{staged, orphans.size()});
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Start-up storage check failed; it runs again at the next start", e);
        }
    }

    private int clearStaging() throws IOException {
        Path staging = blobs.stagingFolder();
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        int count = 0;
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
                count++;
            }
        }
        return count;
    }
}
