package org.guildhall.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.guildhall.platform.control.DataFolder;

/** Ready once the schema is migrated and the data folder takes writes. */
@Readiness
@ApplicationScoped
public class StartupReadiness implements HealthCheck {

    @Inject
    Bootstrap bootstrap;

    @Inject
    DataFolder dataFolder;

    @Override
    public HealthCheckResponse call() {
        boolean writable = dataFolder.isWritable();
        return HealthCheckResponse.named("guildhall")
                .status(bootstrap.isReady() && writable)
                .withData("migrated", bootstrap.isReady())
                .withData("dataFolderWritable", writable)
                .build();
    }
}
