package org.stica.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;
import org.stica.server.cli.AuditVerifyCommand;
import org.stica.server.cli.StiCaCommand;
import org.stica.server.config.StiCaConfig;

/**
 * {@code audit-verify} against a real server's database and SoftHSM token: exit 0 on an intact
 * chain; after a row is changed in SQL, exit 2 naming that row's id (issue 6).
 */
class AuditVerifyCommandTest {
    private static TestCa ca;
    private static Vertx vertx;
    private static Path configFile;

    @BeforeAll
    static void setUp() throws Exception {
        ca = TestCa.create();
        StiCaServer.initCa(ca.config());
        vertx = Vertx.vertx();
        StiCaServer server = StiCaServer.start(vertx, ca.config()).await();
        for (int i = 0; i < 3; i++) {
            server.auditLog().record(AuditEvent.of("test.cli", "tester", "s" + i)).await();
        }
        server.close().await();
        StiCaConfig config = ca.config();
        configFile = Files.createTempFile("stica", ".yaml");
        Files.writeString(configFile, "database:\n  url: \"" + ca.db().url() + "\"\n"
                + "dataDir: \"" + config.dataDir() + "\"\n"
                + "hsm:\n  library: \"" + config.hsm().library().orElseThrow() + "\"\n"
                + "  tokenLabel: \"" + config.hsm().tokenLabel().orElseThrow() + "\"\n"
                + "  pin: \"" + config.hsm().pin().orElseThrow().reveal() + "\"\n",
                StandardCharsets.UTF_8);
    }

    @AfterAll
    static void tearDown() throws Exception {
        vertx.close().await();
        ca.close();
        Files.deleteIfExists(configFile);
    }

    @Test
    void auditVerify_intactThenTampered_reportsTheTamperedRow() throws Exception {
        Result intact = runCli();
        assertEquals(0, intact.exit(), intact.out());
        assertTrue(intact.out().contains("audit chain intact"), intact.out());

        try (Connection c = DriverManager.getConnection(ca.db().jdbcUrl(), ca.db().user(),
                ca.db().password()); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("UPDATE audit_event SET subject = 'forged' WHERE id = 2");
        }

        Result broken = runCli();
        assertEquals(AuditVerifyCommand.BROKEN, broken.exit(), broken.out());
        assertTrue(broken.out().contains("BROKEN at record 2"), broken.out());
    }

    private static Result runCli() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = StiCaCommand.commandLine().execute("audit-verify", "--config",
                    configFile.toString());
            return new Result(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private record Result(int exit, String out) {
    }
}
