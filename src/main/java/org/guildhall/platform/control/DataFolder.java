package org.guildhall.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one folder that holds everything Guildhall keeps on disk: the embedded database, blobs, the index. */
@ApplicationScoped
public class DataFolder {

    @Inject
    @ConfigProperty(name = "guildhall.data", defaultValue = "data")
    String location;

    public Path root() {
        return Path.of(location).toAbsolutePath().normalize();
    }

    /** A sub-folder of the data folder, created on first use. */
    public Path folder(String name) {
        Path folder = root().resolve(name);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
    }

    /** Whether a file can be written there right now (the health check's question). */
    public boolean isWritable() {
        try {
            Path probe = Files.createTempFile(folder("tmp"), "probe", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
