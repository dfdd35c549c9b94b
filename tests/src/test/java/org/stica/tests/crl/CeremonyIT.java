package org.stica.tests.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.tests.crl.CrlFixtures.admin;
import static org.stica.tests.crl.CrlFixtures.enroll;
import static org.stica.tests.crl.CrlFixtures.get;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.ceremony.Ceremonies;
import org.stica.server.ceremony.CeremonyConfig;
import org.stica.server.config.StiCaConfig;
import org.stica.tests.crl.CrlFixtures.Enrolled;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;
import org.stica.testing.SoftHsmFixture;

/**
 * Key custody end to end (issue 16) on two SoftHSM tokens: the root ceremony puts the root key in
 * an OFFLINE token; the crl-signer and intermediate ceremonies make their keys in the server's
 * ONLINE token and have the offline root certify them; the arl ceremony signs the ARL. The server
 * then runs with the root offline (it is not in its token) and issues through acme4j;
 * {@code openssl verify -crl_check_all} with the CRL and the ceremony ARL passes. Revoking the
 * intermediate (cACompromise) and running the arl ceremony again makes the same check fail with
 * "certificate revoked" (RFC 5280 §6.3).
 */
class CeremonyIT {
    private static SoftHsmFixture offline;
    private static CeremonyConfig ceremony;
    private static final List<Ceremonies.Outcome> OUTCOMES = new ArrayList<>();
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        offline = SoftHsmFixture.create("e2e-offline");
        ceremony = CeremonyConfig.load(Optional.empty(), Map.of(
                "offline.library", offline.library().toString(),
                "offline.tokenLabel", offline.tokenLabel(),
                "offline.pinEnv", "ROOT_PIN"), Map.of("ROOT_PIN", new String(offline.pin())));
        h = StiCaHarness.start(Map.of("STICA_CA_ROOT_ONLINE", "false"), CeremonyIT::ceremonies);
    }

    private static void ceremonies(StiCaConfig config) {
        OUTCOMES.add(Ceremonies.root(config, ceremony, Clock.systemUTC(), System.out::println));
        OUTCOMES.add(Ceremonies.crlSigner(config, ceremony, Clock.systemUTC(),
                System.out::println));
        OUTCOMES.add(Ceremonies.intermediate(config, ceremony, Clock.systemUTC(),
                System.out::println));
        OUTCOMES.add(Ceremonies.arl(config, ceremony, Clock.systemUTC(), System.out::println));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            StiCaHarness.closeChecked(h);
        } finally {
            if (offline != null) {
                offline.close();
            }
        }
    }

    @Test
    void ceremonies_rootOffline_issueVerifyThenRevokedIntermediateOnNextArl() throws Exception {
        HttpResponse<String> health = admin(h, "GET", "/admin/v1/health", null);
        JsonObject status = new JsonObject(health.body());
        assertEquals("offline", status.getString("root"), health.body());
        assertEquals("ok", status.getJsonObject("arl").getString("status"), health.body());
        for (Ceremonies.Outcome outcome : OUTCOMES) {
            HttpResponse<String> imported = admin(h, "POST", "/admin/v1/ceremonies",
                    Files.readString(outcome.file()));
            assertEquals(201, imported.statusCode(), imported.body());
        }
        assertEquals(4, h.count("FROM audit_event WHERE type LIKE 'ceremony.%'"));

        Enrolled cert = enroll(h, "4001");
        OpenSsl.Result before = CrlFixtures.opensslVerify(h, cert, true);
        assertEquals(0, before.exitCode(), "the chain verifies with the ceremony ARL: "
                + before.output());
        byte[] firstArl = get(h.server().publicUrl() + "/crl/root.crl").body();

        // a rollover with the root offline: the route refuses, the intermediate ceremony does it
        // while the server runs; the server picks the new key up from its token (no restart)
        HttpResponse<String> rollover = admin(h, "POST", "/admin/v1/ca/intermediates/rollover",
                null);
        assertEquals(409, rollover.statusCode(), rollover.body());
        assertTrue(rollover.body().contains("ceremony intermediate"), rollover.body());
        Ceremonies.intermediate(h.config(), ceremony, Clock.systemUTC(), System.out::println);
        Enrolled second = enrollUnderNewIntermediate();
        assertEquals(0, CrlFixtures.opensslVerify(h, second, true).exitCode());

        HttpResponse<String> revoked = admin(h, "POST", "/admin/v1/ca/keys/intermediate-1/revoke",
                "{\"reason\":\"cACompromise\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        // the root is offline: the served ARL is unchanged until the next arl ceremony
        assertTrue(Arrays.equals(firstArl, get(h.server().publicUrl() + "/crl/root.crl").body()));

        Ceremonies.Outcome arl = Ceremonies.arl(h.config(), ceremony, Clock.systemUTC(),
                System.out::println);
        assertEquals(1, arl.transcript().json().getJsonObject("arl").getJsonArray("entries")
                .size());
        assertEquals(201, admin(h, "POST", "/admin/v1/ceremonies",
                Files.readString(arl.file())).statusCode());
        awaitNewArl(firstArl);

        OpenSsl.Result after = CrlFixtures.opensslVerify(h, cert, true);
        assertNotEquals(0, after.exitCode(), after.output());
        assertTrue(after.output().contains("certificate revoked"), after.output());
        // the successor intermediate is not on the ARL: its certificates still verify
        OpenSsl.Result successor = CrlFixtures.opensslVerify(h, second, true);
        assertEquals(0, successor.exitCode(), successor.output());
    }

    /** Enrolls until the new intermediate issues (every instance reloads ca_key every 5 s). */
    private static Enrolled enrollUnderNewIntermediate() throws Exception {
        for (String spc : List.of("4002", "4003", "4321", "4444")) {
            Thread.sleep(3000);
            Enrolled enrolled = enroll(h, spc);
            if (enrolled.leaf().getIssuerX500Principal().getName()
                    .contains("SHAKEN Intermediate CA 2")) {
                return enrolled;
            }
        }
        throw new AssertionError("the ceremony's intermediate never became the issuer");
    }

    /** Every instance reloads the stored ARL at its refresh interval (at most a minute). */
    private static void awaitNewArl(byte[] previous) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!Arrays.equals(previous, get(h.server().publicUrl() + "/crl/root.crl").body())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server did not pick up the ceremony ARL within 90 s");
    }

    @Test
    void ceremonyArl_fileCopy_isWhatTheServerServes() throws Exception {
        Path copy = OUTCOMES.get(3).file().getParent().resolve("root-" + OUTCOMES.get(3)
                .transcript().json().getJsonObject("arl").getString("number") + ".crl");
        assertTrue(Files.isRegularFile(copy), copy.toString());
        OpenSsl.Result text = OpenSsl.run(List.of("openssl", "crl", "-inform", "DER", "-in",
                copy.toString(), "-noout", "-nextupdate"));
        assertEquals(0, text.exitCode(), text.output());
    }
}
