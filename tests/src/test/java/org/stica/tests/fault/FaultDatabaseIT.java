package org.stica.tests.fault;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Database faults under load (issue 14, "What must hold after any single fault"; ARCHITECTURE.md
 * §5): PostgreSQL restarted in immediate mode, and every connection of the server cut, while four
 * flows enroll. The faults repeat at uneven offsets so that, across the flows, some land before
 * the serial reservation, some while the HSM signs, some on the recording statement and some
 * on the audit append. Afterwards, without restarting the server: invariants 1-3 (records, order
 * states, audit chain, openssl) hold once the recovery sweeps have run, and a fresh enrollment
 * succeeds (invariant 4).
 */
class FaultDatabaseIT {
    private static final int FLOWS = 4;
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(60);

    private static PrivatePostgres pg;
    private CaDeployment ca;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = PrivatePostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close(FaultDatabaseIT.class.getSimpleName());
        }
    }

    @AfterEach
    void closeDeployment() {
        if (ca != null) {
            ca.close();
        }
    }

    @Test
    void postgresRestartedImmediately_underLoad_recordsWholeAndIssuesWithoutServerRestart(
            TestInfo test) throws Exception {
        long start = System.nanoTime();
        ca = CaDeployment.create(pg, test.getTestMethod().orElseThrow().getName());
        ServerProcess server = ca.start("a");
        Duration run = Duration.ofSeconds(16);
        EnrollmentLoad load = ca.load(server, server, FLOWS, run);
        FaultReport report = new FaultReport("PostgreSQL restart -m immediate x3 under load");
        ca.awaitIssuance(15, Duration.ofSeconds(60));
        // three crash-like restarts, each once issuance has resumed, shifted by a few hundred ms
        for (long jitterMillis : List.of(0L, 230L, 470L)) {
            Thread.sleep(jitterMillis);
            pg.restartImmediate();
            if (!ca.issuanceResumed(report, "a PostgreSQL restart")) {
                break;
            }
        }
        report.load(load.await(run));
        check(report, server);
        report.assertHolds(Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    void connectionsCut_underLoad_recordsWholeAndIssuesWithoutServerRestart(TestInfo test)
            throws Exception {
        long start = System.nanoTime();
        ca = CaDeployment.create(pg, test.getTestMethod().orElseThrow().getName());
        ServerProcess server = ca.start("a");
        Duration run = Duration.ofSeconds(12);
        EnrollmentLoad load = ca.load(server, server, FLOWS, run);
        FaultReport report = new FaultReport("pg_terminate_backend x10 under load");
        ca.awaitIssuance(15, Duration.ofSeconds(60));
        int cut = 0;
        // ten cuts 0.6-0.9 s apart: each ends every backend of the pool, idle or mid-statement
        for (int i = 0; i < 10; i++) {
            cut += pg.cutConnections(ca.database);
            Thread.sleep(600 + (i * 137) % 300);
        }
        report.load(load.await(run)).note(cut + " backends terminated");
        check(report, server);
        report.assertHolds(Duration.ofNanos(System.nanoTime() - start));
    }

    private void check(FaultReport report, ServerProcess server) throws Exception {
        ca.checkRecovered(report, server, RECOVERY_DEADLINE);
        if (!server.isAlive()) {
            report.violation("I4 the server exited during the database fault: "
                    + server.logTail(20));
        }
    }
}
