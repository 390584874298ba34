package org.guildhall.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads the database the deployed portal writes, to check what it stored (never to set up state). */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return connect(Path.of(System.getProperty("it.data", "target/it-data")));
    }

    /** The database of a server running on that data folder (its own H2 file, or the shared PostgreSQL database). */
    public static Connection connect(Path data) throws SQLException {
        String url = System.getProperty("it.db.url", "embedded");
        if (url.isBlank() || url.equals("embedded")) {
            Path file = data.toAbsolutePath().resolve("db/guildhall");
            return DriverManager.getConnection("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", "sa", "");
        }
        return DriverManager.getConnection(url, System.getProperty("it.db.user", ""), System.getProperty("it.db.password", ""));
    }

    public static Optional<String> single(String sql, Object... parameters) throws SQLException {
        return single(Path.of(System.getProperty("it.data", "target/it-data")), sql, parameters);
    }

    public static Optional<String> single(Path data, String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(data); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
