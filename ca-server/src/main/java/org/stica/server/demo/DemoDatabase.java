package org.stica.server.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's PostgreSQL: {@code STICA_DB_URL} when set; else a local server on 127.0.0.1:5432
 * (database {@code stica_demo} created if missing); else an embedded PostgreSQL (from Maven
 * artifacts) in the data directory. PostgreSQL's initdb refuses to run as root, so the embedded
 * case needs an unprivileged user ({@code ca-server/bin/demo.sh} switches to one).
 */
public final class DemoDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDatabase.class);
    private static final String LOCAL = "127.0.0.1:5432";

    private final String url;
    private final Optional<EmbeddedPostgres> embedded;

    private DemoDatabase(String url, Optional<EmbeddedPostgres> embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    /** A {@code postgresql://} URL for STICA_DB_URL. */
    public String url() {
        return url;
    }

    public static DemoDatabase open(Map<String, String> env, Path dataDir) throws IOException {
        String configured = env.get("STICA_DB_URL");
        if (configured != null && !configured.isBlank()) {
            return new DemoDatabase(configured, Optional.empty());
        }
        if (createLocalDatabase()) {
            LOG.info("demo database: stica_demo on the local PostgreSQL at {}", LOCAL);
            return new DemoDatabase("postgresql://postgres@" + LOCAL + "/stica_demo", Optional.empty());
        }
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("no PostgreSQL at " + LOCAL + " and the embedded one cannot"
                    + " run as root (initdb refuses): run ca-server/bin/demo.sh, which switches to an"
                    + " unprivileged user, or set STICA_DB_URL");
        }
        int port = Integer.parseInt(env.getOrDefault("STICA_DEMO_PG_PORT", "55432"));
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        LOG.info("demo database: embedded PostgreSQL on 127.0.0.1:{} (data in {})", port,
                dataDir.resolve("postgres"));
        return new DemoDatabase("postgresql://postgres@127.0.0.1:" + port + "/postgres", Optional.of(pg));
    }

    private static boolean createLocalDatabase() {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "2");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + LOCAL + "/postgres", props);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'stica_demo'")) {
                if (rs.next()) {
                    return true;
                }
            }
            s.execute("CREATE DATABASE stica_demo");
            return true;
        } catch (SQLException e) {
            LOG.info("no usable PostgreSQL at {} ({}); using an embedded one", LOCAL, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded.isPresent()) {
            embedded.get().close();
        }
    }
}
