package org.stica.server.schema;

import java.util.List;
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
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

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
        String password = database.password().map(s -> s.reveal()).orElse("");
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
    }
}
