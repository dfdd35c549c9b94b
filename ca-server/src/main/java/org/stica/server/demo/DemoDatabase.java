package org.stica.server.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's PostgreSQL: {@code STICA_DB_URL} when set; else a local server on 127.0.0.1:5432
 * (a database {@code stica_demo_<random>} made for this data directory, whose name is kept in
 * {@code <dataDir>/database-name} so a restart finds it and another checkout never shares it);
 * else an embedded PostgreSQL (from Maven
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
        String name = databaseName(dataDir);
        if (createLocalDatabase(name)) {
            LOG.info("demo database: {} on the local PostgreSQL at {}", name, LOCAL);
            return new DemoDatabase("postgresql://postgres@" + LOCAL + "/" + name, Optional.empty());
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

    /** The local database that belongs to this data directory, named once and then reused. */
    private static String databaseName(Path dataDir) throws IOException {
        Path file = dataDir.resolve("database-name");
        if (Files.exists(file)) {
            String name = Files.readString(file).trim();
            if (!name.matches("stica_demo_[0-9a-f]{1,32}")) {
                throw new IllegalStateException(file + " does not name a demo database: " + name);
            }
            return name;
        }
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        String name = "stica_demo_" + HexFormat.of().formatHex(random);
        Files.writeString(file, name + "\n");
        return name;
    }

    private static boolean createLocalDatabase(String name) {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "2");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + LOCAL + "/postgres", props);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '"
                    + name + "'")) {
                if (rs.next()) {
                    return true;
                }
            }
            s.execute("CREATE DATABASE " + name);
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
