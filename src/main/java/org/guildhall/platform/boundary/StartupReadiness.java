package org.guildhall.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.guildhall.platform.control.DataFolder;
import org.guildhall.platform.control.DatabaseStatus;

/**
 * Ready once the schema is migrated, while the data folder takes writes and the database
 * answers: a load balancer stops sending users to a node whose database went away.
 */
@Readiness
@ApplicationScoped
public class StartupReadiness implements HealthCheck {

    @Inject
    Bootstrap bootstrap;

    @Inject
    DataFolder dataFolder;

    @Inject
    DatabaseStatus database;

    @Override
    public HealthCheckResponse call() {
        boolean writable = dataFolder.isWritable();
        boolean databaseUp = database.reachable();
        return HealthCheckResponse.named("guildhall")
                .status(bootstrap.isReady() && writable && databaseUp)
                .withData("migrated", bootstrap.isReady())
                .withData("dataFolderWritable", writable)
                .withData("databaseReachable", databaseUp)
                .build();
    }
}
