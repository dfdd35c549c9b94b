package org.stica.tests.fault;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * SIGTERM under load drains (issue 14 invariant 5; ARCHITECTURE.md §5 item 5): the instance stops
 * accepting, finishes the issuances in flight and their audit records, closes, and exits 0 within
 * the drain bound (default 30 s). Checked with no instance running afterwards, so nothing can
 * repair the records later: what the stopped instance left is what it finished.
 */
class FaultServerTermIT extends FaultSuite {
    private static final int FLOWS = 4;
    /** The drain bound (default 30 s) plus JVM exit. */
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(35);

    @Test
    void sigterm_underLoad_drainsInFlightAndExitsZero(TestInfo test) throws Exception {
        long start = System.nanoTime();
        deploy(test);
        ServerProcess server = ca.start("a");
        Duration run = Duration.ofSeconds(8);
        EnrollmentLoad load = ca.load(server, FLOWS, run);
        ca.awaitIssuance(15, Duration.ofSeconds(60));
        // while an order is inside issuance: the drain must finish it
        ca.awaitProcessingOrder(CaDeployment.SPC, Duration.ofSeconds(5));
        long termAt = System.nanoTime();
        server.terminate();
        OptionalInt exit = server.awaitExit(DRAIN_BOUND);
        Duration drain = Duration.ofNanos(System.nanoTime() - termAt);
        FaultReport report = new FaultReport("SIGTERM under load").note("exit " + (exit.isPresent()
                ? exit.getAsInt() : "none") + " after " + drain.toMillis() + " ms");
        if (exit.isEmpty()) {
            report.violation("I5 still running " + DRAIN_BOUND.toSeconds() + " s after SIGTERM");
            server.kill();
        } else if (exit.getAsInt() != 0) {
            report.violation("I5 exit code " + exit.getAsInt() + " after SIGTERM (expected 0)");
        }
        report.load(load.await(run));
        // nothing runs now: in-flight work must already be finished and recorded
        RecordInvariants invariants = ca.invariants();
        invariants.sqlViolations().forEach(v -> report.violation("I5 not drained: " + v));
        report.note("after the drain: " + invariants.summary());
        // a new instance starts on what was left and issues (and the audit chain verifies)
        ServerProcess again = ca.relaunch(server);
        again.awaitReady(Duration.ofSeconds(120));
        report.freshEnrollment(ca.freshEnrollment(again, Duration.ofSeconds(30)));
        report.violations(invariants.auditVerify());
        report.violations(invariants.certificatesVerify(3));
        report.violations(ca.blockedEventLoops());
        report.assertHolds(Duration.ofNanos(System.nanoTime() - start));
    }
}
