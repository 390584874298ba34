package org.guildhall.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GuildhallDataSourceTest {

    @AfterEach
    void clear() {
        System.clearProperty("guildhall.db.url");
        System.clearProperty("guildhall.data");
    }

    @Test
    void embeddedDatabaseLivesInTheDataFolder(@TempDir Path data) throws Exception {
        System.setProperty("guildhall.data", data.toString());
        assertEquals("jdbc:h2:file:" + data.resolve("db/guildhall") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;QUERY_CACHE_SIZE=128", GuildhallDataSource.jdbcUrl());
        try (Connection connection = new GuildhallDataSource().getConnection();
             ResultSet rs = connection.createStatement().executeQuery("select 42")) {
            rs.next();
            assertEquals(42, rs.getInt(1));
        }
        try (Connection connection = new GuildhallDataSource().getConnection();
             ResultSet rs = connection.createStatement().executeQuery(
                     "select setting_value from information_schema.settings where setting_name = 'QUERY_CACHE_SIZE'")) {
            assertTrue(rs.next());
            assertEquals(String.valueOf(GuildhallDataSource.H2_STATEMENTS_KEPT), rs.getString(1), "statements stay parsed per connection");
        }
        assertTrue(Files.exists(data.resolve("db/guildhall.mv.db")), "the H2 file is under the data folder");
    }

    @Test
    void configuredUrlWinsAndIsNotLoggedWithItsQuery() {
        System.setProperty("guildhall.db.url", "jdbc:postgresql://db:5432/guildhall?password=secret");
        assertEquals("jdbc:postgresql://db:5432/guildhall?password=secret", GuildhallDataSource.jdbcUrl());
        assertEquals("jdbc:postgresql://db:5432/guildhall?…", GuildhallDataSource.redacted(GuildhallDataSource.jdbcUrl()));
    }

    // A listening socket nobody accepts from: the kernel completes the TCP handshake and then
    // nothing answers, as with a hung or frozen database server. The driver's defaults wait for ever.
    @Test
    @Timeout(60)
    void silentPostgresServerIsGivenUpOnInsteadOfHoldingTheRequest() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.setProperty("guildhall.db.url", "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/guildhall");
            Duration waited = timeToFail(new GuildhallDataSource());
            assertTrue(waited.toSeconds() < GuildhallDataSource.PG_LOGIN_TIMEOUT_SECONDS + 3, "gave up after " + waited);

            // a timeout in the URL wins over Guildhall's default
            System.setProperty("guildhall.db.url", "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/guildhall?loginTimeout=1");
            waited = timeToFail(new GuildhallDataSource());
            assertTrue(waited.toSeconds() < GuildhallDataSource.PG_LOGIN_TIMEOUT_SECONDS - 1,
                    "the URL's one-second login timeout was used, not the default: " + waited);
        }
    }

    @Test
    void poolConnectionsTimeOutWhileMigrationsWaitAsLongAsTheyTake() {
        Properties pool = new Properties();
        GuildhallDataSource.postgresDefaults(pool, false);
        assertEquals(String.valueOf(GuildhallDataSource.PG_SOCKET_TIMEOUT_SECONDS), pool.getProperty("socketTimeout"));
        assertEquals(String.valueOf(GuildhallDataSource.PG_LOGIN_TIMEOUT_SECONDS), pool.getProperty("loginTimeout"));
        Properties migrations = new Properties();
        GuildhallDataSource.postgresDefaults(migrations, true);
        assertEquals("0", migrations.getProperty("socketTimeout"), "no socket timeout for a long migration");
        assertEquals(String.valueOf(GuildhallDataSource.PG_LOGIN_TIMEOUT_SECONDS), migrations.getProperty("loginTimeout"),
                "but a silent server still fails the start promptly");
    }

    private static Duration timeToFail(GuildhallDataSource dataSource) {
        long start = System.nanoTime();
        assertThrows(SQLException.class, () -> dataSource.getConnection("guildhall", "").close());
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
