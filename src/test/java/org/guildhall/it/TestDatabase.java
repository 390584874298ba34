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

    /** The database of a server running on that data folder (its own H2 file, or its PostgreSQL database). */
    public static Connection connect(Path data) throws SQLException {
        String url = System.getProperty("it.db.url", "embedded");
        if (url.isBlank() || url.equals("embedded")) {
            Path file = data.toAbsolutePath().resolve("db/guildhall");
            return DriverManager.getConnection("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", "sa", "");
        }
        return DriverManager.getConnection(postgresUrl(data), System.getProperty("it.db.user", ""), System.getProperty("it.db.password", ""));
    }

    /**
     * The PostgreSQL database of a server on that data folder: the run's database for the
     * Arquillian deployments' shared folder, and one of its own (the run's name plus the folder's,
     * created when missing) for every other folder, as each H2 data folder has its own file. A
     * server started on its own folder must not meet another's rows, whose blobs it does not have
     * (RestartIT's rebuild found the soak's documents).
     */
    public static String postgresUrl(Path data) throws SQLException {
        String base = System.getProperty("it.db.url");
        Path shared = Path.of(System.getProperty("it.data", "target/it-data")).toAbsolutePath().normalize();
        if (data.toAbsolutePath().normalize().equals(shared)) {
            return base;
        }
        int slash = base.lastIndexOf('/');
        String baseName = base.substring(slash + 1).replaceAll("\\?.*", "");
        String name = (baseName + "_" + data.getFileName().toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_"));
        name = name.substring(0, Math.min(63, name.length()));
        String user = System.getProperty("it.db.user", "");
        String password = System.getProperty("it.db.password", "");
        try (Connection admin = DriverManager.getConnection(base, user, password);
                PreparedStatement exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = admin.createStatement()) {
                        create.execute("create database " + name);
                    }
                }
            }
        }
        return base.substring(0, slash + 1) + name;
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
