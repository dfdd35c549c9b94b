package org.stica.server.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.server.config.StiCaConfig;
import org.stica.server.schema.SchemaMigrator.Outcome;
import org.stica.testing.TestDatabase;

/** Flyway runs, or is skipped for a jar whose migrations were all applied before (issue 18). */
class SchemaMigratorTest {
    private static TestDatabase db;
    private static StiCaConfig.Database database;

    @TempDir
    Path dir;

    @BeforeAll
    static void create() {
        db = TestDatabase.create();
        database = StiCaConfig.load(Optional.empty(), Map.of("STICA_DB_URL", db.url()))
                .database();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void migrate_fingerprints_flywayRunsUnlessTheSameFilesWereAppliedBefore() throws Exception {
        byte[] first = fingerprint(1);
        // a fresh database: every module migrated, then the fingerprint recorded
        assertEquals(Outcome.MIGRATED, SchemaMigrator.migrate(database, Optional.of(first)));
        assertTrue(exists("certificate") && exists("acme_order") && exists("audit_event"));
        assertArrayEquals(first, recorded());
        // the same files again: nothing for Flyway to do, so it does not run
        assertEquals(Outcome.UNCHANGED, SchemaMigrator.migrate(database, Optional.of(first)));
        // other files (a new release): Flyway runs, and their fingerprint replaces the old one
        byte[] second = fingerprint(2);
        assertEquals(Outcome.MIGRATED, SchemaMigrator.migrate(database, Optional.of(second)));
        assertArrayEquals(second, recorded());
        // no fingerprint (classes from a directory): Flyway always runs, the record stays
        assertEquals(Outcome.MIGRATED, SchemaMigrator.migrate(database, Optional.empty()));
        assertArrayEquals(second, recorded());
        // an unreadable record (here: gone) only costs a Flyway run, which records it again
        sql("DELETE FROM schema_fingerprint");
        assertEquals(Outcome.MIGRATED, SchemaMigrator.migrate(database, Optional.of(second)));
        assertEquals(Outcome.UNCHANGED, SchemaMigrator.migrate(database, Optional.of(second)));
    }

    @Test
    void of_jar_coversEveryDbFileByNameAndContentAndNothingElse() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/ca/V1__ca.sql", "CREATE TABLE a (id int);");
        files.put("db/acme/V1__acme.sql", "CREATE TABLE b (id int);");
        files.put("org/stica/Server.class", "code");
        byte[] base = MigrationFingerprint.of(jar("base", files));

        Map<String, String> otherCode = new LinkedHashMap<>(files);
        otherCode.put("org/stica/Server.class", "other code");
        otherCode.put("META-INF/MANIFEST.MF", "Built-By: someone");
        assertArrayEquals(base, MigrationFingerprint.of(jar("code", otherCode)));

        Map<String, String> edited = new LinkedHashMap<>(files);
        edited.put("db/ca/V1__ca.sql", "CREATE TABLE a (id bigint);");
        assertFalse(java.util.Arrays.equals(base, MigrationFingerprint.of(jar("edited", edited))));

        Map<String, String> added = new LinkedHashMap<>(files);
        added.put("db/ca/V2__more.sql", "");
        assertFalse(java.util.Arrays.equals(base, MigrationFingerprint.of(jar("added", added))));

        Map<String, String> renamed = new LinkedHashMap<>();
        renamed.put("db/ca/V1__renamed.sql", "CREATE TABLE a (id int);");
        renamed.put("db/acme/V1__acme.sql", "CREATE TABLE b (id int);");
        assertFalse(java.util.Arrays.equals(base, MigrationFingerprint.of(jar("renamed", renamed))));
    }

    @Test
    void ofThisJar_classesFromADirectory_haveNone() {
        // the tests run ca-server from target/classes: such a start always runs Flyway
        assertEquals(Optional.empty(), MigrationFingerprint.ofThisJar());
    }

    private Path jar(String name, Map<String, String> files) throws IOException {
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream entries = new JarOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                entries.putNextEntry(new JarEntry(file.getKey()));
                entries.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                entries.closeEntry();
            }
        }
        return jar;
    }

    private static byte[] fingerprint(int fill) {
        byte[] value = new byte[32];
        java.util.Arrays.fill(value, (byte) fill);
        return value;
    }

    private static boolean exists(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            return r.next() && r.getBoolean(1);
        }
    }

    private static byte[] recorded() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT sha256 FROM schema_fingerprint")) {
            return r.next() ? r.getBytes(1) : null;
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password().map(p -> p.reveal()).orElse(""));
    }
}
