package org.stica.tests.fault;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The first deploy of several replicas (issue 14: "several instances starting at once on a fresh
 * token and database (exactly one provisions each key, the others wait and use it; an
 * interrupted provisioning is completed or rolled back on the next start, never left
 * half-done)"). Three instances start at the same moment after {@code init-ca}; all must come up
 * and issue, and every key an instance provisions for itself (the audit-checkpoint key and, in
 * STI-PA role, the PA root, signer and CRL signer) must exist exactly once on the token, bound to
 * its certificate.
 */
class FaultConcurrentStartIT extends FaultSuite {
    private static final int INSTANCES = 3;
    private static final List<String> SELF_PROVISIONED = List.of("audit-signer", "pa-root",
            "pa-signer", "pa-crl-signer");

    @Test
    void threeInstances_startedAtOnceOnFreshToken_allServeAndEachKeyExistsOnce(TestInfo test)
            throws Exception {
        long start = System.nanoTime();
        deploy(test);
        List<ServerProcess> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(ca.launch("i" + i));
        }
        FaultReport report = new FaultReport(INSTANCES + " instances started at once");
        List<ServerProcess> up = new ArrayList<>();
        for (ServerProcess instance : instances) {
            try {
                instance.awaitReady(Duration.ofSeconds(120));
                up.add(instance);
            } catch (IllegalStateException e) {
                report.violation("I4 instance " + instance.name() + " did not come up: "
                        + e.getMessage().lines().filter(l -> l.contains("error")
                        || l.contains("ERROR")).findFirst().orElse(e.getMessage()));
            }
        }
        // every instance that came up issues, with SPC tokens from its own PA signer
        Duration run = Duration.ofSeconds(3);
        List<EnrollmentLoad> loads = new ArrayList<>();
        for (ServerProcess instance : up) {
            loads.add(ca.load(instance, 1, run));
        }
        for (int i = 0; i < up.size(); i++) {
            JsonObject result = loads.get(i).await(run);
            if (result.getLong("issuances", 0L) == 0) {
                report.violation("I4 instance " + up.get(i).name() + " issued nothing: "
                        + result.getValue("errors", result.getValue("failure", "")));
            }
        }
        TokenObjects.Listing token = TokenObjects.list(ca.hsm);
        report.note("token: private keys " + token.privateKeyIds() + ", certificates "
                + token.certificateLabels());
        for (String alias : SELF_PROVISIONED) {
            long keys = token.privateKeys(alias);
            long certificates = token.certificates(alias);
            if (keys != 1 || certificates != 1) {
                report.violation("key '" + alias + "' provisioned " + keys + " time(s), "
                        + certificates + " certificate(s) (expected exactly one of each)");
            }
        }
        if (!token.unboundKeys().isEmpty()) {
            report.violation("half-provisioned keys on the token (no certificate): "
                    + token.unboundKeys().size());
        }
        report.violations(ca.invariants().awaitAll(Duration.ofSeconds(30)));
        report.assertHolds(Duration.ofNanos(System.nanoTime() - start));
    }
}
