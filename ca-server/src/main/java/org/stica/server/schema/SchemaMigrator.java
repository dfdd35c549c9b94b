package org.stica.server.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.stica.acme.AcmeModule;
import org.stica.crl.CrlModule;
import org.stica.server.config.StiCaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every module's Flyway migrations, each with its own history table (ARCHITECTURE.md §1:
 * each module owns its tables). Blocking JDBC: call at start-up only, never on an event loop.
 * Flyway takes a database lock, so several instances starting at once migrate safely.
 *
 * <p>After every module's migrations ran to the end, the jar's {@link MigrationFingerprint} is
 * recorded in {@code schema_fingerprint}; a later start from a jar with the same fingerprint
 * skips Flyway, since the same files were applied and validated before (issue 18: a start that
 * runs Flyway with nothing to do spent 1.3 s in it on a 2-core guest). Any other jar, and classes
 * run from a directory, run Flyway as before; so does a start that cannot read the fingerprint.
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** What {@link #migrate} did. */
    enum Outcome {
        /** Flyway ran for every module (and applied what was missing). */
        MIGRATED,
        /** Flyway did not run: this jar's migrations had all been applied before. */
        UNCHANGED
    }

    private static final String FINGERPRINT_TABLE_EXISTS =
            "SELECT to_regclass('schema_fingerprint') IS NOT NULL";
    private static final String FINGERPRINT = "SELECT sha256 FROM schema_fingerprint WHERE id = 1";
    private static final String RECORD_FINGERPRINT = "INSERT INTO schema_fingerprint (id, sha256,"
            + " recorded_at) VALUES (1, ?, now()) ON CONFLICT (id) DO UPDATE"
            + " SET sha256 = EXCLUDED.sha256, recorded_at = EXCLUDED.recorded_at";

    /** ca-server's own migrations. */
    public static final String CA_MIGRATIONS = "db/ca";

    /** A module's migration location and its Flyway history table. */
    record ModuleSchema(String location, String historyTable) {
    }

    private static final List<ModuleSchema> MODULES = List.of(
            new ModuleSchema(CA_MIGRATIONS, "flyway_history_ca"),
            new ModuleSchema(AcmeModule.MIGRATIONS, "flyway_history_acme"),
            new ModuleSchema(CrlModule.MIGRATIONS, "flyway_history_crl"),
            new ModuleSchema("db/audit", "flyway_history_audit"),
            new ModuleSchema("db/admin", "flyway_history_admin"),
            new ModuleSchema("db/pa", "flyway_history_pa"),
            new ModuleSchema("db/x5u", "flyway_history_x5u"),
            new ModuleSchema("db/delegate", "flyway_history_delegate"),
            new ModuleSchema("db/carevocation", "flyway_history_carevocation"),
            new ModuleSchema("db/subscriber", "flyway_history_subscriber"),
            new ModuleSchema("db/rcd", "flyway_history_rcd"),
            new ModuleSchema("db/notify", "flyway_history_notify"),
            new ModuleSchema("db/ecosystem", "flyway_history_ecosystem"));

    private SchemaMigrator() {
    }

    /** Migrates the database named by {@code database} to the newest version of every module. */
    public static void migrate(StiCaConfig.Database database) {
        migrate(database, MigrationFingerprint.ofThisJar());
    }

    /**
     * As {@link #migrate(StiCaConfig.Database)}, for migrations whose files have
     * {@code fingerprint} (empty: no fingerprint, Flyway always runs).
     */
    static Outcome migrate(StiCaConfig.Database database, Optional<byte[]> fingerprint) {
        String password = database.password().map(s -> s.reveal()).orElse("");
        if (fingerprint.isPresent()
                && recorded(database, password).filter(r -> Arrays.equals(r, fingerprint.get()))
                        .isPresent()) {
            LOG.info("schema: this jar's migrations were all applied before (fingerprint {}),"
                    + " Flyway not run", HexFormat.of().formatHex(fingerprint.get(), 0, 8));
            return Outcome.UNCHANGED;
        }
        for (ModuleSchema module : MODULES) {
            var result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                    .dataSource(database.jdbcUrl(), database.user(), password)
                    .locations("classpath:" + module.location())
                    .table(module.historyTable())
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("schema {}: {} migration(s) applied, now at version {}",
                        module.location(), result.migrationsExecuted, result.targetSchemaVersion);
            }
        }
        fingerprint.ifPresent(f -> record(database, password, f));
        return Outcome.MIGRATED;
    }

    /** The recorded fingerprint; empty when there is none or it cannot be read. */
    private static Optional<byte[]> recorded(StiCaConfig.Database database, String password) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                password)) {
            try (PreparedStatement exists = c.prepareStatement(FINGERPRINT_TABLE_EXISTS);
                 ResultSet r = exists.executeQuery()) {
                if (!r.next() || !r.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement read = c.prepareStatement(FINGERPRINT);
                 ResultSet r = read.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            LOG.debug("schema fingerprint not read ({}); running Flyway", e.getMessage());
            return Optional.empty();
        }
    }

    /** Records {@code fingerprint}; a failure only costs the next start a Flyway run. */
    private static void record(StiCaConfig.Database database, String password, byte[] fingerprint) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                password);
             PreparedStatement write = c.prepareStatement(RECORD_FINGERPRINT)) {
            write.setBytes(1, fingerprint);
            write.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("schema fingerprint not recorded ({}); the next start runs Flyway again",
                    e.getMessage());
        }
    }
}
