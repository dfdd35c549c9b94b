package org.stica.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test class on the real server named by
 * {@code STICA_TEST_DB_URL} (default {@code postgresql://postgres@127.0.0.1:5432/postgres}).
 * Tests never skip when PostgreSQL is missing: they fail, so CI cannot go green without it.
 */
public final class TestDatabase implements AutoCloseable {
    private static final String DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

    private final URI admin;
    private final String name;

    private TestDatabase(URI admin, String name) {
        this.admin = admin;
        this.name = name;
    }

    /** Creates a database named {@code stica_t_<random>}. */
    public static TestDatabase create() {
        String url = System.getenv().getOrDefault("STICA_TEST_DB_URL", DEFAULT_ADMIN_URL);
        URI admin = URI.create(url);
        String name = "stica_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        execute(admin, "CREATE DATABASE " + name);
        return new TestDatabase(admin, name);
    }

    /** {@code postgresql://user[:pass]@host:port/<name>}, the form STICA_DB_URL takes. */
    public String url() {
        return admin.getScheme() + "://" + admin.getRawAuthority() + "/" + name;
    }

    /** The JDBC form of {@link #url()}. */
    public String jdbcUrl() {
        return jdbc(URI.create(url()));
    }

    public String user() {
        String info = admin.getUserInfo();
        return info == null ? "postgres" : info.split(":", 2)[0];
    }

    public String password() {
        String info = admin.getUserInfo();
        return info != null && info.contains(":") ? info.split(":", 2)[1] : "";
    }

    public String name() {
        return name;
    }

    /** {@code SELECT count(*) FROM <fromWhere>} in this database (test assertions only). */
    public long count(String fromWhere) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), password());
             Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + fromWhere)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting " + fromWhere + " failed", e);
        }
    }

    /** Runs {@code sql} in this database (test set-up, such as an extension a test reads). */
    public void execute(String sql) {
        execute(URI.create(url()), sql);
    }

    @Override
    public void close() {
        execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static String jdbc(URI uri) {
        return "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
                + uri.getPath();
    }

    private static void execute(URI admin, String sql) {
        String info = admin.getUserInfo();
        String user = info == null ? "postgres" : info.split(":", 2)[0];
        String pass = info != null && info.contains(":") ? info.split(":", 2)[1] : "";
        try (Connection c = DriverManager.getConnection(jdbc(admin), user, pass);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for this test (" + admin.getHost()
                    + ":" + admin.getPort() + "): " + e.getMessage(), e);
        }
    }
}
