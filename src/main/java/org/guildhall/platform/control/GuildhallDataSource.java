package org.guildhall.platform.control;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection source behind Guildhall's pooled datasource: the embedded H2 file under the
 * data folder by default, or whatever JDBC URL {@code guildhall.db.url} names (PostgreSQL in
 * production).
 *
 * <p>Why not a vendor DataSource class in {@code @DataSourceDefinition}: one WAR must serve
 * both databases, the class name in the annotation cannot follow configuration, and
 * PostgreSQL's own DataSource ignores a {@code url} on Payara (its defaults win). The pool
 * instantiates this class; it reads the settings the way MicroProfile Config ranks them
 * (system property, then environment variable), because the application's Config is not
 * reliably reachable from the pool's thread.
 */
public class GuildhallDataSource implements DataSource {

    static final String EMBEDDED = "embedded";
    static final int H2_STATEMENTS_KEPT = 128;
    static final int PG_LOGIN_TIMEOUT_SECONDS = 5;
    static final int PG_SOCKET_TIMEOUT_SECONDS = 30;

    /** Connections for schema migrations, which may legitimately wait long for an answer. */
    private final boolean forMigrations;
    private PrintWriter logWriter;
    private int loginTimeout;

    /** The pool's connection source (the pool instantiates it by its class name). */
    public GuildhallDataSource() {
        this(false);
    }

    private GuildhallDataSource(boolean forMigrations) {
        this.forMigrations = forMigrations;
    }

    /**
     * Unpooled connections for Flyway at start-up, without the pool's socket timeout: a migration
     * that rewrites a large table, or waits for another node's lock, may take minutes to answer,
     * and a timeout would fail the start while the statement went on running in the database.
     */
    public static DataSource forMigrations() {
        return new GuildhallDataSource(true);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(setting("guildhall.db.user", ""), setting("guildhall.db.password", ""));
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        String url = jdbcUrl();
        Properties credentials = new Properties();
        credentials.setProperty("user", user == null || user.isBlank() ? defaultUser(url) : user);
        credentials.setProperty("password", password == null ? "" : password);
        if (url.startsWith("jdbc:postgresql:")) {
            postgresDefaults(credentials, forMigrations);
        }
        for (Driver driver : ServiceLoader.load(Driver.class, GuildhallDataSource.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                return driver.connect(url, credentials);
            }
        }
        throw new SQLException("No JDBC driver in Guildhall accepts " + redacted(url));
    }

    /**
     * Defaults for the PostgreSQL driver; a parameter in the URL wins over each of them (the
     * driver ranks the URL's parameters above the properties it is given).
     *
     * <p>The driver's own defaults wait for ever for the answer of a database host that accepts
     * connections but never answers (a hung server, a frozen VM): every request then held a
     * thread and the user saw nothing. With these, a new connection gives up after
     * {@link #PG_LOGIN_TIMEOUT_SECONDS} and a connection that stops answering after
     * {@link #PG_SOCKET_TIMEOUT_SECONDS}; the pool's validation (the driver's {@code isValid})
     * is bounded by the same socket timeout. Both end in the "database unreachable" 503.
     * Migrations ({@link #forMigrations()}) keep the login timeout and wait for answers as long as
     * they take.
     */
    static void postgresDefaults(Properties properties, boolean forMigrations) {
        // EclipseLink binds a null of a converted attribute as VARCHAR; untyped, the server
        // takes the column's type instead of refusing "timestamptz = character varying"
        properties.setProperty("stringtype", "unspecified");
        properties.setProperty("loginTimeout", String.valueOf(PG_LOGIN_TIMEOUT_SECONDS));
        properties.setProperty("connectTimeout", String.valueOf(PG_LOGIN_TIMEOUT_SECONDS));
        // longer than any one wait for rows Guildhall has (it reads a document, a page or a list of
        // ids at a time); 0 is none
        properties.setProperty("socketTimeout", forMigrations ? "0" : String.valueOf(PG_SOCKET_TIMEOUT_SECONDS));
    }

    static String jdbcUrl() {
        String configured = setting("guildhall.db.url", EMBEDDED);
        if (configured.isBlank() || EMBEDDED.equals(configured)) {
            Path file = Path.of(setting("guildhall.data", "data")).toAbsolutePath().normalize().resolve("db").resolve("guildhall");
            // AUTO_SERVER lets a second process (a console, the integration tests) open the file while Payara runs;
            // WRITE_DELAY=0 writes each commit out before it returns: by default H2 waits up to 500 ms,
            // and a kill -9 in that window loses uploads the user was told were stored;
            // QUERY_CACHE_SIZE: each connection keeps this many parsed and planned statements. H2's
            // default of 8 is fewer than one upload's distinct statements, so it parsed nearly every
            // statement again: 6 % of the server's CPU while documents were uploaded (issue 6)
            return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;QUERY_CACHE_SIZE=" + H2_STATEMENTS_KEPT;
        }
        return configured;
    }

    private static String defaultUser(String url) {
        return url.startsWith("jdbc:h2:") ? "sa" : "";
    }

    /** A URL for messages: everything after '?' may carry a password. */
    static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null ? fallback : value;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
