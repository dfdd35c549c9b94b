package org.stica.tests.crl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.tests.crl.CrlFixtures.admin;
import static org.stica.tests.crl.CrlFixtures.enroll;
import static org.stica.tests.crl.CrlFixtures.get;
import static org.stica.tests.crl.CrlFixtures.publish;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.stica.server.StiCaServer;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.crl.CrlFixtures.Enrolled;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * CA key revocation (issue 5) end to end, with dual control on: an admin asks to revoke the issuing
 * intermediate, a second admin approves, the request runs once; the root's ARL then lists the
 * intermediate's serial ({@code openssl crl}), {@code openssl verify -crl_check_all} rejects a
 * leaf issued under it (RFC 5280 §6.3: every certificate of the path is checked), and the CA
 * refuses to issue under the revoked intermediate.
 */
class CaKeyRevocationIT {
    private static final String REVOKE = "/admin/v1/ca/keys/intermediate-1/revoke";
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of("STICA_ADMIN_DUAL_CONTROL", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void revokeIntermediate_approved_onArlLeafRejectedIssuanceRefused() throws Exception {
        Enrolled cert = enroll(h, "3001");
        publish(h);
        Path dir = Files.createTempDirectory("stica-ca-revocation");
        OpenSsl.Result before = CrlFixtures.opensslVerify(h, cert, true);
        assertEquals(0, before.exitCode(), "the chain verifies before: " + before.output());
        String intermediateSerial = cert.chain().get(1).getSerialNumber().toString(16);

        // dual control: a request only creates a pending approval, nothing is revoked yet
        String secondAdmin = secondAdminKey();
        String body = "{\"reason\":\"cACompromise\"}";
        HttpResponse<String> asked = admin(h, "POST", REVOKE, body);
        assertEquals(202, asked.statusCode(), asked.body());
        assertEquals(0, h.count("FROM ca_key_revocation"));

        // a reason is required (RFC 5280 §5.3.1): even approved, a request without one is refused
        HttpResponse<String> noReason = approved(REVOKE, "{}", secondAdmin);
        assertEquals(400, noReason.statusCode(), noReason.body());
        assertEquals(0, h.count("FROM ca_key_revocation"));

        // the root cannot be revoked on its own ARL; an unknown alias is not found
        assertEquals(400, approved("/admin/v1/ca/keys/root/revoke", body, secondAdmin)
                .statusCode());
        assertEquals(404, approved("/admin/v1/ca/keys/no-such-key/revoke", body, secondAdmin)
                .statusCode());
        assertEquals(0, h.count("FROM ca_key_revocation"));
        assertEquals(2, h.count("FROM audit_event WHERE type = 'ca-key.revocation-refused'"));

        String approvalId = approve(asked, secondAdmin);
        HttpResponse<String> revoked = withApproval(REVOKE, approvalId, body);
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(intermediateSerial, new JsonObject(revoked.body()).getString("serial"));
        // who, when and why are recorded and audited
        assertEquals(1, h.count("FROM ca_key_revocation WHERE alias = 'intermediate-1'"
                + " AND reason = 2 AND serial = '" + intermediateSerial + "'"));
        assertEquals(1, h.count("FROM audit_event WHERE type = 'ca-key.revoked'"
                + " AND subject = 'intermediate-1'"));

        // the ARL lists the intermediate's serial
        Path arl = dir.resolve("root.crl");
        Files.write(arl, get(h.server().publicUrl() + "/crl/root.crl").body());
        OpenSsl.Result text = OpenSsl.run(List.of("openssl", "crl", "-inform", "DER", "-in",
                arl.toString(), "-noout", "-text"));
        assertEquals(0, text.exitCode(), text.output());
        assertTrue(text.output().toLowerCase(Locale.ROOT).replace(":", "")
                .contains(intermediateSerial), text.output());
        assertTrue(text.output().contains("CA Compromise"), text.output());

        // a second instance on the same database serves the same stored ARL and CRL bytes
        StiCaServer second = h.startSecondInstance();
        try {
            assertArrayEquals(Files.readAllBytes(arl),
                    get(second.publicUrl() + "/crl/root.crl").body());
            assertArrayEquals(get(h.server().publicUrl() + "/crl/shaken.crl").body(),
                    get(second.publicUrl() + "/crl/shaken.crl").body());
        } finally {
            second.close().await();
        }

        // RFC 5280 §6.3: with every CRL checked, the leaf under the revoked intermediate fails
        OpenSsl.Result after = CrlFixtures.opensslVerify(h, cert, true);
        assertNotEquals(0, after.exitCode(), after.output());
        assertTrue(after.output().contains("certificate revoked"), after.output());

        // a second revocation changes nothing (the same approval cannot be replayed either)
        HttpResponse<String> replayed = withApproval(REVOKE, approvalId, body);
        assertEquals(409, replayed.statusCode(), replayed.body());
        assertTrue(replayed.body().contains("approvalRequired"), replayed.body());
        HttpResponse<String> again = approved(REVOKE, body, secondAdmin);
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("alreadyRevoked"), again.body());
        assertEquals(1, h.count("FROM ca_key_revocation"));

        // the CA no longer signs under the revoked intermediate
        AcmeException refused = assertThrows(AcmeException.class, () -> finalizeOrder("3002"));
        assertTrue(refused.getMessage().contains("revoked"), refused.getMessage());
    }

    /** Asks for {@code body} at {@code path}, has the second admin approve it, then runs it. */
    private static HttpResponse<String> approved(String path, String body, String secondAdmin)
            throws Exception {
        HttpResponse<String> asked = admin(h, "POST", path, body);
        assertEquals(202, asked.statusCode(), asked.body());
        return withApproval(path, approve(asked, secondAdmin), body);
    }

    private static String approve(HttpResponse<String> asked, String secondAdmin)
            throws Exception {
        String approvalId = new JsonObject(asked.body()).getString("id");
        HttpResponse<String> approved = CrlFixtures.admin(h.adminUrl(), secondAdmin, "POST",
                "/admin/v1/approvals/" + approvalId + "/approve", null);
        assertEquals(200, approved.statusCode(), approved.body());
        return approvalId;
    }

    private static HttpResponse<String> withApproval(String path, String approvalId, String body)
            throws Exception {
        return CrlFixtures.HTTP.send(HttpRequest.newBuilder(URI.create(h.adminUrl() + path))
                .header("Authorization", "Bearer " + h.adminToken())
                .header("Approval-Id", approvalId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String secondAdminKey() throws Exception {
        HttpResponse<String> created = admin(h, "POST", "/admin/v1/api-keys",
                "{\"name\":\"second admin\",\"role\":\"admin\"}");
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("secret");
    }

    private static void finalizeOrder(String spc) throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer(spc);
        Order order = carrier.order(Carrier.base64Url(der));
        var challenge = carrier.answer(order, "atc",
                h.pa.mint(TestStiPa.claims(Carrier.base64Padded(der), carrier.spkiFingerprint())));
        assertEquals(Status.VALID, challenge.getStatus());
        order.waitUntilReady(Duration.ofSeconds(15));
        KeyPair certKey = TestStiPa.ecKey();
        order.execute(TnAuthCsr.build(certKey, der));
        order.waitForCompletion(Duration.ofSeconds(30));
        throw new AcmeException("order ended " + order.getStatus() + ": "
                + order.getError().map(Object::toString).orElse("no error"));
    }
}
