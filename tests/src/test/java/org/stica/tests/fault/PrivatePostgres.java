package org.stica.tests.fault;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster that one test class owns: made with {@code initdb} in a temp directory,
 * listening on a free loopback port only, trust authentication, {@code synchronous_commit = on}.
 * The fault tests restart it and cut its connections, so it must never be the shared cluster on
 * 5432 (CI must never restart that one).
 *
 * <p>Built from the Debian binaries in {@code /usr/lib/postgresql/<ver>/bin} (the
 * {@code postgresql} package, which tests/bin/run-tests.sh installs): the zonky embedded
 * PostgreSQL of the demo refuses to run as root, and so does {@code initdb}, and CI runs as
 * root. As root every PostgreSQL command therefore runs through {@code runuser -u postgres --}
 * (the package creates that user) on a directory it owns.
 */
final class PrivatePostgres implements AutoCloseable {
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_TIMEOUT_SECONDS = 90;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private final Thread shutdownHook;
    private boolean running;

    private PrivatePostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "private-postgres-stop");
    }

    /** initdb + start; the cluster is stopped and removed by {@link #close()} (or at JVM exit). */
    static PrivatePostgres start() throws Exception {
        PrivatePostgres pg = new PrivatePostgres(binaries(), Files.createTempDirectory(
                "stica-fault-pg"), freePort());
        Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
        try {
            pg.init();
            pg.startServer();
        } catch (Exception e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    int port() {
        return port;
    }

    /** {@code postgresql://postgres@127.0.0.1:<port>/<db>}, the form STICA_DB_URL takes. */
    String url(String database) {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    void createDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    /** Fault: stop at once (no checkpoint; crash recovery on the next start) and start again. */
    void restartImmediate() throws Exception {
        pgCtl("-m", "immediate", "stop");
        running = false;
        startServer();
    }

    /** Stops in {@code fast} (clean) or {@code immediate} (crash-like) mode. */
    void stop(String mode) throws Exception {
        pgCtl("-m", mode, "stop");
        running = false;
    }

    void startServer() throws Exception {
        pgCtl("-l", log.toString(), "start");
        running = true;
    }

    /**
     * Fault: terminates every backend connected to {@code database} (the server's pool, mid
     * statement or idle); answers how many were cut.
     */
    int cutConnections(String database) throws SQLException {
        try (Connection c = connect("postgres");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM (SELECT"
                     + " pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?"
                     + " AND pid <> pg_backend_pid()) t")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Open connections to {@code database} (pg_stat_activity). */
    int connections(String database) throws SQLException {
        try (Connection c = connect("postgres");
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The server log so far (for a failure message or a copy under target/). */
    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Copies the server log to {@code target/fault-logs/<name>/postgres.log}, then closes. */
    void close(String name) {
        try {
            Path logs = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target",
                    "fault-logs", name));
            Files.writeString(logs.resolve("postgres.log"), logText());
        } catch (IOException e) {
            System.err.println("cannot keep the PostgreSQL log: " + e.getMessage());
        }
        close();
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stopQuietly, which is idempotent
        }
        deleteTree(dir);
    }

    private synchronized void stopQuietly() {
        if (!running) {
            return;
        }
        try {
            pgCtl("-m", "immediate", "stop");
        } catch (Exception e) {
            System.err.println("private PostgreSQL did not stop: " + e.getMessage());
        }
        running = false;
    }

    private void init() throws Exception {
        if (asRoot()) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
        String conf = String.join("\n",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = ''",
                "synchronous_commit = on",
                "fsync = on",
                "max_connections = 200",
                "shared_buffers = 32MB",
                "log_min_messages = warning",
                "");
        if (asRoot()) {
            // postgresql.conf belongs to postgres; append through the same user
            run(List.of("sh", "-c", "cat >> '" + data.resolve("postgresql.conf") + "'"), conf);
        } else {
            Files.writeString(data.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private void pgCtl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D",
                data.toString(), "-w", "-t", "60"));
        command.addAll(List.of(args));
        run(command);
    }

    private void run(List<String> command) throws Exception {
        run(command, null);
    }

    private void run(List<String> command, String stdin) throws Exception {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + full);
        }
        if (p.exitValue() != 0) {
            throw new IOException(full + " exited " + p.exitValue() + ": " + out.strip()
                    + "\n" + logText());
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path binaries() throws IOException {
        if (!Files.isDirectory(VERSIONS)) {
            throw new IllegalStateException("PostgreSQL server binaries are required in "
                    + VERSIONS + "/<version>/bin (apt-get install postgresql)");
        }
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(PrivatePostgres::majorVersion))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + VERSIONS));
        }
    }

    private static int majorVersion(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + root + ": " + e.getMessage());
        }
    }
}
