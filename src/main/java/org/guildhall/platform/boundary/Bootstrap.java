package org.guildhall.platform.boundary;

import jakarta.annotation.Priority;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.guildhall.platform.control.DataFolder;
import org.guildhall.platform.control.DemoSeeding;
import org.guildhall.platform.control.GuildhallDataSource;
import org.guildhall.platform.control.SchemaMigration;

/**
 * The start-up sequence: data folder, schema migration, then demo content on an empty database.
 * Readiness reports up only after it finished.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/guildhall",
        className = "org.guildhall.platform.control.GuildhallDataSource",
        minPoolSize = 1,
        maxPoolSize = 32,
        properties = {
            // Every connection is checked before the pool lends it, by a round trip (JDBC 4's
            // isValid): "meta-data" validation only asked the driver for an object it keeps
            // locally, so connections the database had dropped were lent out again and again.
            // One failed check drops them all, so after an outage the pool refills with fresh
            // connections as soon as the database is back, without a restart.
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
            "fish.payara.fail-all-connections=true"
        })
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    DataFolder dataFolder;

    @Inject
    @ConfigProperty(name = "guildhall.demo.enabled", defaultValue = "true")
    boolean demoEnabled;

    @Inject
    Event<DemoSeeding> demoSeeding;

    private volatile boolean ready;

    // first of all start-up observers: the others need the migrated schema
    void start(@Observes @Priority(1) Startup startup) {
        LOG.log(Level.INFO, "Guildhall data folder: {0}", dataFolder.root());
        dataFolder.folder("tmp");
        // its own connections: the pool's time out on a database that stops answering, a long migration must not
        new SchemaMigration(GuildhallDataSource.forMigrations()).run();
        if (demoEnabled && isEmpty()) {
            LOG.info("Empty database: adding demo groups, accounts and content (guildhall.demo.enabled=false switches this off)");
            demoSeeding.fire(new DemoSeeding());
        }
        ready = true;
    }

    private boolean isEmpty() {
        return em.createQuery("select count(a) from Account a", Long.class).getSingleResult() == 0;
    }

    public boolean isReady() {
        return ready;
    }
}
