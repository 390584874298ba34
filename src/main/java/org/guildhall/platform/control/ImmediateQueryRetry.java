package org.guildhall.platform.control;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * Lets EclipseLink try a read whose connection failed once more at once, and no more. Its
 * default is three more tries, the second and third five seconds apart, so every request during
 * a database outage held its HTTP thread for about ten seconds before the visitor got the 503
 * that {@link DatabaseStatus} gives (seen in DatabaseOutageIT's log). The immediate try still
 * rescues a read whose connection broke in a short blip (a restart, a failover) on a fresh one:
 * the pool validates every connection before lending it. Named in persistence.xml
 * ({@code eclipselink.session.customizer}).
 */
public class ImmediateQueryRetry implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            // EclipseLink sleeps only before the second and later tries
            login.setQueryRetryAttemptCount(1);
        }
    }
}
