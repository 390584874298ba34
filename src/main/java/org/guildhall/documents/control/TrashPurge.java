package org.guildhall.documents.control;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Purges trashed documents past the retention period: soon after start-up, then every six hours. */
@ApplicationScoped
public class TrashPurge {

    private static final Logger LOG = Logger.getLogger(TrashPurge.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Documents documents;

    void start(@Observes @Priority(200) Startup startup) {
        scheduler.scheduleWithFixedDelay(this::purge, 5, 6 * 60, TimeUnit.MINUTES);
    }

    void purge() {
        try {
            int purged = documents.purgeExpired();
            if (purged > 0) {
                LOG.log(Level.INFO, "Purged {0} document(s) past the trash period", purged);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Purging the trash failed; it is tried again later", e);
        }
    }
}
