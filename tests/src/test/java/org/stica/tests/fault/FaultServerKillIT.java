package org.stica.tests.fault;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * An instance killed with SIGKILL under load (issue 14; ARCHITECTURE.md §5: "an instance killed
 * (SIGKILL) ... at any line"): whatever it reserved, signed or recorded without its audit event
 * must be resolved by recovery (its own on restart, or another instance's sweep), orders it left
 * {@code processing} must end {@code valid} when their certificate exists and {@code invalid}
 * otherwise, and the audit chain must stay whole. Four flows keep enrolling across the kill; a kill
 * is timed to an order being {@code processing} (inside issuance: HSM call, recording statement or
 * audit append) or lands at an arbitrary moment.
 */
class FaultServerKillIT extends FaultSuite {
    private static final int FLOWS = 4;
    private static final String OTHER_SPC = "8888";
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(60);

    /** Killed at least twice, restarted each time on the same ports; the load rides through. */
    @Test
    void sigkill_underLoad_restartResolvesEverythingInFlight(TestInfo test) throws Exception {
        long start = System.nanoTime();
        deploy(test);
        ServerProcess server = ca.start("a");
        Duration run = Duration.ofSeconds(20);
        EnrollmentLoad load = ca.load(server, FLOWS, run);
        FaultReport report = new FaultReport("SIGKILL under load, restart on the same ports");
        ca.awaitIssuance(15, Duration.ofSeconds(60));
        // the first kill while an order is inside issuance (repeated until one leaves such an
        // order behind), the last at an arbitrary moment
        CaDeployment.KillOutcome inIssuance = ca.killInIssuance(server, CaDeployment.SPC, 3);
        report.note(inIssuance.kills() + " kill(s) timed to issuance, left an order in flight: "
                + inIssuance.hitIssuance());
        server = ca.relaunch(inIssuance.killed());
        server.awaitReady(Duration.ofSeconds(120));
        if (ca.issuanceResumed(report, "a SIGKILL and restart")) {
            Thread.sleep(310);
            server.kill();
            server = ca.relaunch(server);
            server.awaitReady(Duration.ofSeconds(120));
            ca.issuanceResumed(report, "a SIGKILL and restart");
        }
        report.load(load.await(run));
        ca.checkRecovered(report, server, RECOVERY_DEADLINE);
        report.assertHolds(Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Two instances on one database and token, both under load; one is killed and stays dead.
     * The survivor alone must resolve the dead one's work (no restart of the killed instance).
     */
    @Test
    void twoInstances_oneKilledUnderLoad_survivorResolvesItsWork(TestInfo test) throws Exception {
        long start = System.nanoTime();
        deploy(test);
        ServerProcess a = ca.start("a");
        ServerProcess b = ca.start("b");
        Duration run = Duration.ofSeconds(14);
        // SPC tokens from a's STI-PA token API for both (their x5u names a, which stays up);
        // b's flows order another SPC, so the kill can wait for one of b's orders in issuance
        EnrollmentLoad onA = ca.load(a, a, CaDeployment.SPC, 2, run);
        EnrollmentLoad onB = ca.load(b, a, OTHER_SPC, 3, run);
        ca.awaitIssuance(20, Duration.ofSeconds(60));
        CaDeployment.KillOutcome kill = ca.killInIssuance(b, OTHER_SPC, 3);
        FaultReport report = new FaultReport("two instances under load, SIGKILL of one")
                .load(onA.await(run)).note(kill.kills() + " kill(s) of b timed to issuance,"
                        + " left an order in flight: " + kill.hitIssuance());
        JsonObject onKilled = onB.await(run);
        report.note("load on the killed instance: " + onKilled.getLong("issuances", 0L)
                + " issuances");
        if (onKilled.getLong("issuances", 0L) == 0) {
            report.violation("the killed instance issued nothing before the kill: "
                    + onKilled.getValue("errors", ""));
        }
        ca.checkRecovered(report, a, RECOVERY_DEADLINE);
        report.assertHolds(Duration.ofNanos(System.nanoTime() - start));
    }
}
