package org.stica.tests.fault;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Database faults under load (issue 14, "What must hold after any single fault"; ARCHITECTURE.md
 * §5): PostgreSQL restarted in immediate mode, and every connection of the server cut, while four
 * flows enroll. The faults repeat, some timed to an order being {@code processing} (between the
 * serial reservation and the order turning valid: in the HSM call, the recording statement or
 * the audit append) and some at arbitrary moments (before or after issuance). Afterwards, without restarting the server: invariants 1-3 (records, order
 * states, audit chain, openssl) hold once the recovery sweeps have run, and a fresh enrollment
 * succeeds (invariant 4).
 */
class FaultDatabaseIT extends FaultSuite {
    private static final int FLOWS = 4;
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(60);

    @Test
    void postgresRestartedImmediately_underLoad_recordsWholeAndIssuesWithoutServerRestart(
            TestInfo test) throws Exception {
        long start = System.nanoTime();
        deploy(test);
        ServerProcess server = ca.start("a");
        Duration run = Duration.ofSeconds(14);
        EnrollmentLoad load = ca.load(server, FLOWS, run);
        FaultReport report = new FaultReport("PostgreSQL restart -m immediate x3 under load");
        ca.awaitIssuance(15, Duration.ofSeconds(60));
        // three crash-like restarts: the first and last while an order is inside issuance
        // (reserved, signing, recording or auditing), the middle one at an arbitrary moment
        for (int i = 0; i < 3; i++) {
            if (i == 1) {
                Thread.sleep(230);
            } else {
                ca.awaitProcessingOrder(CaDeployment.SPC, Duration.ofSeconds(5));
            }
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
        deploy(test);
        ServerProcess server = ca.start("a");
        Duration run = Duration.ofSeconds(10);
        EnrollmentLoad load = ca.load(server, FLOWS, run);
        FaultReport report = new FaultReport("pg_terminate_backend x10 under load");
        ca.awaitIssuance(15, Duration.ofSeconds(60));
        int cut = 0;
        // ten cuts, each ending every backend of the pool (idle or mid-statement): every other
        // one while an order is inside issuance, the rest 0.4-0.7 s after the previous cut
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) {
                ca.awaitProcessingOrder(CaDeployment.SPC, Duration.ofSeconds(3));
            } else {
                Thread.sleep(400 + (i * 137) % 300);
            }
            cut += pg.cutConnections(ca.database);
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
