package org.guildhall.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
}
