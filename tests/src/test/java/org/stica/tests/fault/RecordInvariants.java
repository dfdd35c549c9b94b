package org.stica.tests.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.stica.tests.support.OpenSsl;

/**
 * The invariants of ARCHITECTURE.md §5 and issue 14 ("What must hold after any single fault"),
 * checked from outside: SQL over JDBC, {@code audit-verify} as a child process, {@code openssl
 * verify}. Each check answers violations as readable lines (what, how many, a few examples), so
 * a failing test says every invariant that broke, not only the first.
 */
final class RecordInvariants {
    private static final int EXAMPLES = 5;

    /** One SQL check: a query whose rows are violations (first column names the row). */
    private record Check(String invariant, String sql) {
    }

    private static final List<Check> CHECKS = List.of(
            // 1. nothing signed escapes the records: one issuance audit event per certificate
            new Check("I1 issued/revoked certificate without exactly one certificate.issued"
                    + " audit event", "SELECT c.serial || ' (' || (SELECT count(*) FROM audit_event a"
                    + " WHERE a.type = 'certificate.issued' AND a.subject = c.serial) || ' events)'"
                    + " FROM certificate c WHERE c.status IN ('issued', 'revoked') AND (SELECT"
                    + " count(*) FROM audit_event a WHERE a.type = 'certificate.issued'"
                    + " AND a.subject = c.serial) <> 1"),
            new Check("I1 certificate.issued audit event without an issued/revoked certificate row",
                    "SELECT a.id || ':' || a.subject FROM audit_event a"
                    + " WHERE a.type = 'certificate.issued' AND NOT EXISTS (SELECT 1 FROM"
                    + " certificate c WHERE c.serial = a.subject AND c.status IN ('issued',"
                    + " 'revoked'))"),
            // 1. a reserved serial is resolved explicitly (issued, or abandoned and audited)
            new Check("I1 certificate row left 'reserved' after recovery",
                    "SELECT serial || ' since ' || created_at FROM certificate"
                    + " WHERE status = 'reserved'"),
            new Check("I1 abandoned reservation without exactly one"
                    + " certificate.reservation-abandoned audit event",
                    "SELECT c.serial FROM certificate c WHERE c.status = 'abandoned' AND (SELECT"
                    + " count(*) FROM audit_event a WHERE a.type ="
                    + " 'certificate.reservation-abandoned' AND a.subject = c.serial) <> 1"),
            // 2. client-visible state tells the truth
            new Check("I2 acme_order left 'processing' after recovery",
                    "SELECT id || ' since ' || coalesce(processing_since::text, '?')"
                    + " FROM acme_order WHERE status = 'processing'"),
            new Check("I2 acme_order 'valid' without an issued/revoked certificate",
                    "SELECT o.id FROM acme_order o WHERE o.status = 'valid' AND NOT EXISTS"
                    + " (SELECT 1 FROM certificate c WHERE c.order_id = o.id"
                    + " AND c.status IN ('issued', 'revoked'))"),
            new Check("I2 acme_order 'valid' whose certificate is not downloadable"
                    + " (no acme_certificate)",
                    "SELECT o.id FROM acme_order o WHERE o.status = 'valid' AND NOT EXISTS"
                    + " (SELECT 1 FROM acme_certificate ac WHERE ac.order_id = o.id)"),
            new Check("I2 certificate issued for an order that is not 'valid'",
                    "SELECT c.serial || ' order ' || o.id || ' ' || o.status FROM certificate c"
                    + " JOIN acme_order o ON o.id = c.order_id"
                    + " WHERE c.status IN ('issued', 'revoked') AND o.status <> 'valid'"),
            new Check("I2 acme_challenge left 'processing' after recovery",
                    "SELECT id FROM acme_challenge WHERE status = 'processing'"),
            // 3. the audit chain stays whole: ids 1..n, no gap, no duplicate
            new Check("I3 audit_event ids not contiguous 1..n",
                    "SELECT 'count ' || count(*) || ', min ' || min(id) || ', max ' || max(id)"
                    + " FROM audit_event HAVING count(*) > 0"
                    + " AND (min(id) <> 1 OR max(id) <> count(*))"));

    private static final String OUTBOX_CHECK = "I1 audit_outbox not drained";

    private final CaDeployment ca;

    RecordInvariants(CaDeployment ca) {
        this.ca = ca;
    }

    /** The SQL checks once. */
    List<String> sqlViolations() throws SQLException, Exception {
        List<String> violations = new ArrayList<>();
        try (Connection c = ca.connect(); Statement s = c.createStatement()) {
            for (Check check : CHECKS) {
                violations.addAll(rows(s, check.invariant(), check.sql()));
            }
            // the outbox is being added with the fixes; checked once it exists
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('audit_outbox') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    violations.addAll(rows(s, OUTBOX_CHECK,
                            "SELECT 'rows: ' || count(*) FROM audit_outbox HAVING count(*) > 0"));
                }
            }
        }
        return violations;
    }

    /**
     * Polls the SQL checks until they hold or {@code deadline} passes (recovery sweeps run
     * periodically), then runs {@code audit-verify} and {@code openssl verify} on a sample of
     * the issued certificates. Answers every violation found at the end.
     */
    List<String> awaitAll(Duration deadline) throws Exception {
        List<String> violations = awaitSql(deadline);
        violations.addAll(auditVerify());
        violations.addAll(certificatesVerify(3));
        return violations;
    }

    List<String> awaitSql(Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        List<String> violations = sqlViolationsTolerant();
        while (!violations.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(1000);
            violations = sqlViolationsTolerant();
        }
        return violations;
    }

    /** Invariant 3: {@code audit-verify} with the instances' configuration exits 0. */
    List<String> auditVerify() throws Exception {
        ServerProcess.Completed run = ServerProcess.runCommand("audit-verify",
                ca.instanceEnv(PrivatePostgres.freePort(), PrivatePostgres.freePort()),
                ca.logs.resolve("audit-verify.log"), Duration.ofSeconds(120));
        if (run.exitCode() == 0) {
            return List.of();
        }
        return List.of("I3 audit-verify exited " + run.exitCode() + ": "
                + run.output().strip().lines().reduce((a, b) -> b).orElse(""));
    }

    /**
     * The certificates the CA recorded chain to its root ({@code openssl verify} with the PEMs
     * init-ca wrote to the data directory): the newest {@code sample} issued ones (those recorded
     * around the last fault) and {@code sample} random ones.
     */
    List<String> certificatesVerify(int sample) throws Exception {
        Path root = ca.dataDir.resolve("ca/root.pem");
        Path chain = ca.dataDir.resolve("ca/chain.pem");
        List<String> violations = new ArrayList<>();
        List<String[]> certificates = new ArrayList<>();
        try (Connection c = ca.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("(SELECT serial, der FROM certificate WHERE status"
                     + " IN ('issued', 'revoked') ORDER BY created_at DESC LIMIT " + sample + ")"
                     + " UNION (SELECT serial, der FROM certificate WHERE status"
                     + " IN ('issued', 'revoked') ORDER BY random() LIMIT " + sample + ")")) {
            while (rs.next()) {
                certificates.add(new String[] {rs.getString(1), pem(rs.getBytes(2))});
            }
        }
        for (String[] certificate : certificates) {
            Path file = Files.createTempFile(ca.logs, "cert-" + certificate[0], ".pem");
            try {
                Files.writeString(file, certificate[1]);
                OpenSsl.Result verify = OpenSsl.run(List.of("openssl", "verify", "-CAfile",
                        root.toString(), "-untrusted", chain.toString(), file.toString()));
                if (verify.exitCode() != 0 || !verify.output().contains(": OK")) {
                    violations.add("I1 certificate " + certificate[0] + " does not verify: "
                            + verify.output().strip());
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
        return violations;
    }

    /** Counts rows of {@code FROM ... WHERE ...} (for reports). */
    long count(String fromWhere) throws Exception {
        try (Connection c = ca.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) " + fromWhere)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A one-line summary of what the database holds (for the test log). */
    String summary() throws Exception {
        return "certificates " + count("FROM certificate") + " (issued "
                + count("FROM certificate WHERE status = 'issued'") + ", reserved "
                + count("FROM certificate WHERE status = 'reserved'") + "), orders valid "
                + count("FROM acme_order WHERE status = 'valid'") + ", invalid "
                + count("FROM acme_order WHERE status = 'invalid'") + ", processing "
                + count("FROM acme_order WHERE status = 'processing'") + ", audit events "
                + count("FROM audit_event") + ", certificate.issued events "
                + count("FROM audit_event WHERE type = 'certificate.issued'");
    }

    /** The database may still be coming back: a failed connection counts as a violation. */
    private List<String> sqlViolationsTolerant() {
        try {
            return sqlViolations();
        } catch (Exception e) {
            return new ArrayList<>(List.of("checks could not run: " + e.getMessage()));
        }
    }

    private static List<String> rows(Statement s, String invariant, String sql)
            throws SQLException {
        List<String> examples = new ArrayList<>();
        int count = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (count++ < EXAMPLES) {
                    examples.add(rs.getString(1));
                }
            }
        }
        return count == 0 ? List.of()
                : List.of(invariant + ": " + count + " " + examples + (count > EXAMPLES ? " ..." : ""));
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
