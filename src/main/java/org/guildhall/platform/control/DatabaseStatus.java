package org.guildhall.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Whether the database answers right now, and whether a failure was the database going away.
 * Every boundary that turns failures into answers asks here, so a database outage reads the same
 * everywhere (503, "temporarily unavailable") instead of as a server error, and so readiness
 * reports it.
 */
@ApplicationScoped
public class DatabaseStatus {

    private static final Logger LOG = Logger.getLogger(DatabaseStatus.class.getName());
    private static final int PROBE_SECONDS = 3;

    @Resource(lookup = "java:app/jdbc/guildhall")
    DataSource dataSource;

    private volatile boolean lastReachable = true;

    /** A round trip to the database through the pool (which drops connections that fail their validation). */
    public boolean reachable() {
        boolean reachable;
        try (Connection connection = dataSource.getConnection()) {
            reachable = connection.isValid(PROBE_SECONDS);
        } catch (SQLException | RuntimeException e) {
            reachable = false;
        }
        if (reachable != lastReachable) {
            // once per change, not per request: an outage must not flood the log
            LOG.log(reachable ? Level.INFO : Level.WARNING, reachable ? "The database answers again"
                    : "The database does not answer; requests that need it are refused with 503 until it returns");
            lastReachable = reachable;
        }
        return reachable;
    }

    /**
     * Whether this failure came from the database and the database is gone: a failure that
     * merely involved it (a constraint, a bug in a query) while it still answers is not an outage.
     */
    public boolean isOutage(Throwable failure) {
        return involvesDatabase(failure) && !reachable();
    }

    /** A JDBC, JPA, connection-pool or EclipseLink failure somewhere in the chain of causes. */
    public static boolean involvesDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof jakarta.persistence.PersistenceException
                    || t instanceof jakarta.resource.ResourceException || t.getClass().getName().startsWith("org.eclipse.persistence.exceptions.")
                    || t.getClass().getName().startsWith("com.sun.appserv.connectors.internal.api.")) {
                return true;
            }
        }
        return false;
    }
}
