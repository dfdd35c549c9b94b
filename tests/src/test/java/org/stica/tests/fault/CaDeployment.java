package org.stica.tests.fault;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.stica.testing.SoftHsmFixture;

/**
 * One CA deployment for a fault test: a database in the test's {@link PrivatePostgres}, a fresh
 * SoftHSM token, a data directory, the CA hierarchy made by {@code init-ca} (child process), and
 * any number of {@code serve} instances ({@link ServerProcess}) on that database and token, each
 * on its own loopback ports. STI-PA role is on, so the instances issue the SPC tokens the load
 * presents. Closing kills the instances and deletes token, database files and data directory.
 */
final class CaDeployment implements AutoCloseable {
    static final String SPC = "7777";
    /**
     * Short recovery periods so the sweeps that resolve stuck work run within the test's wait.
     * The keys are being added with the fixes of issue 14; today's config loader reads only the
     * keys it knows (RawConfig), so setting them early is harmless.
     */
    static final Map<String, String> RECOVERY = Map.of(
            "STICA_RECOVERY_SWEEP_PERIOD_SECONDS", "2",
            "STICA_RECOVERY_STUCK_AFTER_SECONDS", "10");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    final PrivatePostgres pg;
    final String database;
    final SoftHsmFixture hsm;
    final Path dataDir;
    final Path logs;
    private final Map<String, String> baseEnv;
    private final List<ServerProcess> instances = new ArrayList<>();
    private final Map<String, String> apiKeys = new HashMap<>();
    private Map<String, String> firstPorts;

    private CaDeployment(PrivatePostgres pg, String database, SoftHsmFixture hsm, Path dataDir,
                         Path logs, Map<String, String> baseEnv) {
        this.pg = pg;
        this.database = database;
        this.hsm = hsm;
        this.dataDir = dataDir;
        this.logs = logs;
        this.baseEnv = baseEnv;
    }

    /** A fresh database and token; runs {@code init-ca} once. */
    static CaDeployment create(PrivatePostgres pg, String testName) throws Exception {
        String database = "stica_f_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 12).toLowerCase(Locale.ROOT);
        pg.createDatabase(database);
        SoftHsmFixture hsm = SoftHsmFixture.create("stica-fault");
        Path dataDir = Files.createTempDirectory("stica-fault-data");
        Path logs = Path.of(System.getProperty("user.dir"), "target", "fault-logs", testName);
        PrivatePostgres.deleteTree(logs);
        Files.createDirectories(logs);
        Map<String, String> env = new HashMap<>(RECOVERY);
        env.put("STICA_HTTP_HOST", "127.0.0.1");
        env.put("STICA_ADMIN_HOST", "127.0.0.1");
        env.put("STICA_DB_URL", pg.url(database));
        env.put("STICA_DB_POOL_SIZE", "8");
        env.put("STICA_DATA_DIR", dataDir.toString());
        env.put("STICA_ADMIN_TOKEN", "fault-admin-" + UUID.randomUUID());
        env.put("STICA_HSM_LIBRARY", hsm.library().toString());
        env.put("STICA_HSM_TOKEN_LABEL", hsm.tokenLabel());
        env.put("STICA_HSM_PIN", new String(hsm.pin()));
        env.put("STICA_PA_ROLE_ENABLED", "true");
        env.put("STICA_ACME_ORDERS_PER_HOUR", "100000");
        env.put("STICA_CRL_PUBLISH_DELAY", "0");
        env.put("STICA_CA_ROOT_ONLINE", "true");
        CaDeployment ca = new CaDeployment(pg, database, hsm, dataDir, logs, env);
        try {
            // the intermediate names its CRL under init-ca's public URL: the first instance
            // gets the same ports, so what it serves and what the certificates name agree
            int firstPort = PrivatePostgres.freePort();
            // SPC tokens come from the first instance's STI-PA: every instance accepts their x5u
            // (an instance allows only its own http prefix by itself)
            env.put("STICA_X5U_ALLOWED_PREFIXES", "http://127.0.0.1:" + firstPort + "/");
            Map<String, String> initEnv = ca.instanceEnv(firstPort, PrivatePostgres.freePort());
            ca.firstPorts = initEnv;
            ServerProcess.Completed init = ServerProcess.runCommand("init-ca", initEnv,
                    logs.resolve("init-ca.log"), Duration.ofSeconds(120));
            if (init.exitCode() != 0) {
                throw new IllegalStateException("init-ca exited " + init.exitCode() + ":\n"
                        + init.output());
            }
        } catch (Exception e) {
            ca.close();
            throw e;
        }
        return ca;
    }

    /** Launches a new instance on fresh ports (does not wait for it). */
    ServerProcess launch(String name) throws Exception {
        Map<String, String> env = firstPorts != null ? firstPorts
                : instanceEnv(PrivatePostgres.freePort(), PrivatePostgres.freePort());
        firstPorts = null;
        return launch(name, env);
    }

    /** Launches an instance again with the same ports (after a kill or stop). */
    ServerProcess relaunch(ServerProcess previous) throws Exception {
        return launch(previous.name(), previous.env());
    }

    private ServerProcess launch(String name, Map<String, String> env) throws Exception {
        ServerProcess server = ServerProcess.launch(name, env, logs.resolve(name + ".log"));
        instances.add(server);
        return server;
    }

    /** Launches and waits until the ACME directory answers. */
    ServerProcess start(String name) throws Exception {
        ServerProcess server = launch(name);
        server.awaitReady(Duration.ofSeconds(120));
        return server;
    }

    /**
     * Registers the service provider {@code spc} once (admin API of {@code server}) and answers
     * its token-API key; the registration lives in the shared database.
     */
    String apiKey(ServerProcess server, String spc) throws Exception {
        String known = apiKeys.get(spc);
        if (known != null) {
            return known;
        }
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                        URI.create(server.adminUrl() + "/admin/v1/service-providers"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + baseEnv.get("STICA_ADMIN_TOKEN"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("spc", spc)
                        .put("name", "Fault Telecom " + spc).put("scaAllowed", false)
                        .put("accountFingerprints", List.of()).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("SP registration: " + created.statusCode() + " "
                    + created.body());
        }
        String key = new JsonObject(created.body()).getString("apiKey");
        subscriber(server, spc);
        apiKeys.put(spc, key);
        return key;
    }

    /** The CA issues only for its subscribers' SPCs (issue 15): one subscriber per SPC. */
    private void subscriber(ServerProcess server, String spc) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                        URI.create(server.adminUrl() + "/admin/v1/subscribers"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + baseEnv.get("STICA_ADMIN_TOKEN"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("legalName", "Fault Telecom " + spc).put("country", "US")
                        .put("spcs", List.of(spc)).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("subscriber registration: " + created.statusCode()
                    + " " + created.body());
        }
    }

    /** Load on {@code server} for {@link #SPC}, SPC tokens from the same instance. */
    EnrollmentLoad load(ServerProcess server, int flows, Duration duration) throws Exception {
        return load(server, server, SPC, flows, duration);
    }

    /** Load on {@code server} for {@code spc}, SPC tokens from {@code tokenServer}'s STI-PA. */
    EnrollmentLoad load(ServerProcess server, ServerProcess tokenServer, String spc, int flows,
                        Duration duration) throws Exception {
        return EnrollmentLoad.start(server, tokenServer.publicUrl(), spc,
                apiKey(tokenServer, spc), flows, duration);
    }

    /**
     * Waits until {@code more} certificates beyond those issued now have been issued (the load
     * is warm and flows are in every step), so the next fault lands on work in flight.
     */
    void awaitIssuance(int more, Duration timeout) throws Exception {
        long target = issuedCount() + more;
        long end = System.nanoTime() + timeout.toNanos();
        while (issuedCount() < target) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the load issued fewer than " + more
                        + " certificates within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /**
     * After a fault: waits until the load issues again (10 more certificates within 30 s);
     * otherwise records an invariant-4 violation and answers false.
     */
    boolean issuanceResumed(FaultReport report, String fault) throws Exception {
        try {
            awaitIssuance(10, Duration.ofSeconds(30));
            return true;
        } catch (IllegalStateException e) {
            report.violation("I4 issuance did not resume after " + fault + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Waits until an order of {@code spc} is {@code processing} (its finalize is between the
     * serial reservation, the HSM signature, the recording statement and the audit append), so
     * the next fault lands inside issuance. Polls without pause (a query takes well under a
     * millisecond on loopback); false when none was seen in time.
     */
    boolean awaitProcessingOrder(String spc, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        try (Connection c = connect(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM acme_order WHERE status = 'processing' AND spc = ? LIMIT 1")) {
            s.setString(1, spc);
            while (System.nanoTime() < end) {
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return true;
                    }
                }
                Thread.onSpinWait();
            }
        }
        return false;
    }

    /** What {@link #killInIssuance} did: the (dead) instance, how many kills, and whether one hit. */
    record KillOutcome(ServerProcess killed, int kills, boolean hitIssuance) {
    }

    /**
     * SIGKILLs {@code server} while one of its {@code spc} orders is inside issuance. A kill can
     * land just after that issuance completed; so when no {@code processing} order of {@code spc}
     * is left right after the kill, the instance is relaunched on the same ports and killed again,
     * at most {@code maxKills} times. The instance is left dead.
     */
    KillOutcome killInIssuance(ServerProcess server, String spc, int maxKills) throws Exception {
        ServerProcess current = server;
        for (int kill = 1; ; kill++) {
            awaitProcessingOrder(spc, Duration.ofSeconds(5));
            current.kill();
            if (processingOrders(spc) > 0 || kill == maxKills) {
                return new KillOutcome(current, kill, processingOrders(spc) > 0);
            }
            current = relaunch(current);
            current.awaitReady(Duration.ofSeconds(120));
            awaitIssuance(5, Duration.ofSeconds(30));
        }
    }

    long processingOrders(String spc) throws Exception {
        try (Connection c = connect(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM acme_order WHERE status = 'processing' AND spc = ?")) {
            s.setString(1, spc);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long issuedCount() throws Exception {
        try (Connection c = connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(
                     "SELECT count(*) FROM certificate WHERE status = 'issued'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;  // the database is coming back: not progress
        }
    }

    /**
     * Invariant 4 of ARCHITECTURE.md §5 / issue 14: after the fault the instance issues again
     * without a restart. Tries short one-flow runs until one enrollment completes or the
     * deadline passes; answers the last run's result.
     */
    JsonObject freshEnrollment(ServerProcess server, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        JsonObject last;
        do {
            Duration run = Duration.ofSeconds(2);
            last = load(server, 1, run).await(run);
            if (last.getLong("issuances", 0L) > 0) {
                return last;
            }
        } while (System.nanoTime() < end);
        return last;
    }

    /**
     * After a fault: invariant 4 first (a fresh enrollment through {@code server} succeeds),
     * then invariants 1-3 polled until they hold or {@code deadline} passes.
     */
    void checkRecovered(FaultReport report, ServerProcess server, Duration deadline)
            throws Exception {
        report.freshEnrollment(freshEnrollment(server, Duration.ofSeconds(30)));
        RecordInvariants invariants = invariants();
        report.violations(invariants.awaitAll(deadline));
        report.violations(blockedEventLoops());
        report.note(invariants.summary());
    }

    /**
     * Invariant 4: no event loop blocked while a dependency was down (Vert.x's blocked-thread
     * warnings in every instance's log).
     */
    List<String> blockedEventLoops() throws Exception {
        List<String> violations = new ArrayList<>();
        for (Path log : instances.stream().map(ServerProcess::log).distinct().toList()) {
            if (!Files.exists(log)) {
                continue;
            }
            List<String> blocked = Files.readAllLines(log).stream()
                    .filter(l -> l.contains("has been blocked for")).toList();
            if (!blocked.isEmpty()) {
                violations.add("I4 blocked-thread warnings in " + log.getFileName() + ": "
                        + blocked.size() + " " + blocked.get(0));
            }
        }
        return violations;
    }

    /** Invariant checks over this deployment's database, audit-verify and openssl. */
    RecordInvariants invariants() {
        return new RecordInvariants(this);
    }

    Connection connect() throws Exception {
        return pg.connect(database);
    }

    /** The environment of an instance (also used for audit-verify). */
    Map<String, String> instanceEnv(int port, int adminPort) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put("STICA_HTTP_PORT", Integer.toString(port));
        env.put("STICA_ADMIN_PORT", Integer.toString(adminPort));
        env.put("STICA_PUBLIC_URL", "http://127.0.0.1:" + port);
        return env;
    }

    @Override
    public void close() {
        for (ServerProcess server : instances) {
            server.close();
        }
        try {
            hsm.close();
        } catch (RuntimeException e) {
            System.err.println("cannot delete token " + hsm.tokenLabel() + ": " + e.getMessage());
        }
        PrivatePostgres.deleteTree(dataDir);
    }
}
