package org.stica.tests.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.tests.crl.CrlFixtures.admin;
import static org.stica.tests.crl.CrlFixtures.enroll;
import static org.stica.tests.crl.CrlFixtures.get;
import static org.stica.tests.crl.CrlFixtures.publish;
import static org.stica.tests.crl.CrlFixtures.revoke;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.tests.crl.CrlFixtures.Enrolled;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;

/**
 * Intermediate rollover (issue 6) end to end over acme4j, PostgreSQL and SoftHSM: after
 * {@code POST /admin/v1/ca/intermediates/rollover} the next enrollment chains to the new
 * intermediate ({@code openssl verify}), on this instance at once and on a second instance sharing
 * the database and token after its reload, without a restart; a certificate issued before still
 * verifies with its own chain and its x5u chain keeps the old intermediate; the one CRL lists
 * revocations of both intermediates, each entry naming its issuer in certificateIssuer (RFC 5280
 * §5.3.3) and each rejected by {@code openssl verify -crl_check_all -extended_crl}.
 */
class IntermediateRolloverIT {
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void rollover_newIssuanceUsesTheNewIntermediate_oldCertificatesKeepTheirs() throws Exception {
        StiCaServer second = h.startSecondInstance();
        try {
            Enrolled kept = enroll(h, "4001");
            Enrolled revokedBefore = enroll(h, "4002");
            X509Certificate oldIntermediate = kept.chain().get(1);

            HttpResponse<String> rolled = admin(h, "POST", "/admin/v1/ca/intermediates/rollover",
                    null);
            assertEquals(201, rolled.statusCode(), rolled.body());
            JsonObject created = new JsonObject(rolled.body());
            assertEquals("intermediate-2", created.getString("alias"));
            assertEquals("intermediate-1", created.getString("previous"));

            Enrolled fresh = enroll(h, "4003");
            X509Certificate newIntermediate = fresh.chain().get(1);
            assertNotEquals(oldIntermediate.getSubjectX500Principal(),
                    newIntermediate.getSubjectX500Principal());
            assertEquals(newIntermediate.getSubjectX500Principal(),
                    fresh.leaf().getIssuerX500Principal());
            assertEquals(created.getString("serial"),
                    newIntermediate.getSerialNumber().toString(16));
            fresh.leaf().verify(newIntermediate.getPublicKey());
            assertEquals(0, h.count("FROM certificate WHERE serial = '"
                    + fresh.serial().toString(16) + "' AND issuer_alias <> 'intermediate-2'"));

            // the x5u repository serves each certificate with the intermediate that issued it
            assertEquals(oldIntermediate, CrlFixtures.certificates(get(x5u(kept)).body()).get(1));
            assertEquals(newIntermediate, CrlFixtures.certificates(get(x5u(fresh)).body()).get(1));

            // a second instance on the same database picks the new issuer up without a restart
            Enrolled viaSecond = enrollWhenRolled(second, newIntermediate);
            viaSecond.leaf().verify(newIntermediate.getPublicKey());

            assertEquals(200, revoke(h, revokedBefore.serial(), "keyCompromise").statusCode());
            assertEquals(200, revoke(h, fresh.serial(), "superseded").statusCode());
            publish(h);
            Path dir = Files.createTempDirectory("stica-rollover");

            // RFC 5280 §5.3.3: one indirect CRL, each entry naming its own issuer
            X509CRL crl = CrlFixtures.crl(get(CrlFixtures.crlUrl(fresh.leaf())).body());
            assertEquals(oldIntermediate.getSubjectX500Principal(),
                    issuerOf(crl, revokedBefore.serial()));
            assertEquals(newIntermediate.getSubjectX500Principal(), issuerOf(crl, fresh.serial()));

            OpenSsl.Result keptOk = verify(kept, dir);
            assertEquals(0, keptOk.exitCode(), "the pre-rollover chain: " + keptOk.output());
            OpenSsl.Result viaSecondOk = verify(viaSecond, dir);
            assertEquals(0, viaSecondOk.exitCode(), viaSecondOk.output());
            for (Enrolled revoked : List.of(revokedBefore, fresh)) {
                OpenSsl.Result refused = verify(revoked, dir);
                assertNotEquals(0, refused.exitCode(), refused.output());
                assertTrue(refused.output().contains("certificate revoked"), refused.output());
            }
        } finally {
            second.close().await();
        }
    }

    /** Enrolls through {@code server} until it issues under {@code expected} (reload ~5 s). */
    private static Enrolled enrollWhenRolled(StiCaServer server, X509Certificate expected)
            throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        int spc = 5001;
        while (true) {
            Enrolled enrolled = enroll(h, server.directoryUrl(), Integer.toString(spc++));
            if (enrolled.chain().get(1).equals(expected)) {
                return enrolled;
            }
            assertTrue(System.nanoTime() < deadline, "the second instance still issues under "
                    + enrolled.chain().get(1).getSubjectX500Principal());
            Thread.sleep(1000);
        }
    }

    private static X500Principal issuerOf(X509CRL crl, BigInteger serial) {
        for (X509CRLEntry entry : crl.getRevokedCertificates()) {
            if (entry.getSerialNumber().equals(serial)) {
                return entry.getCertificateIssuer();
            }
        }
        throw new AssertionError("serial " + serial.toString(16) + " is not on the CRL");
    }

    private static String x5u(Enrolled enrolled) {
        return h.server().publicUrl() + "/cr/" + enrolled.serial().toString(16) + ".pem";
    }

    /** openssl verify with the certificate's own chain, the CRL and the ARL (every level). */
    private static OpenSsl.Result verify(Enrolled cert, Path dir) throws Exception {
        String base = h.server().publicUrl();
        String name = cert.serial().toString(16);
        Path roots = dir.resolve("roots.pem");
        Files.write(roots, get(base + "/ca/roots.pem").body());
        Path untrusted = dir.resolve(name + "-untrusted.pem");
        Files.writeString(untrusted, CrlFixtures.pem(cert.chain().get(1))
                + new String(get(base + "/crl/signer.pem").body()));
        Path crl = dir.resolve(name + ".crl");
        Files.write(crl, get(CrlFixtures.crlUrl(cert.leaf())).body());
        Path arl = dir.resolve(name + "-root.crl");
        Files.write(arl, get(base + "/crl/root.crl").body());
        Path leaf = dir.resolve(name + ".pem");
        Files.writeString(leaf, CrlFixtures.pem(cert.leaf()));
        return OpenSsl.run(List.of("openssl", "verify", "-crl_check_all", "-extended_crl",
                "-CAfile", roots.toString(), "-untrusted", untrusted.toString(),
                "-CRLfile", crl.toString(), "-CRLfile", arl.toString(), leaf.toString()));
    }
}
