package org.guildhall.platform.control;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * EclipseLink does not retry a query whose connection failed. By default it tries three times,
 * five seconds apart, so every request during a database outage held its HTTP thread for about
 * ten seconds before the visitor got the 503 that {@link DatabaseStatus} gives at once (seen in
 * DatabaseOutageIT's log). A retry has nothing to win here: the pool validates every connection
 * before lending it, and drops them all after one failed check, so a connection that went stale
 * is never handed out; what is left is a database that is really away, and the visitor is better
 * told so than kept waiting. Named in persistence.xml ({@code eclipselink.session.customizer}).
 */
public class NoQueryRetry implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
