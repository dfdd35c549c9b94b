package org.stica.tests.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.tests.crl.CrlFixtures.certificate;
import static org.stica.tests.crl.CrlFixtures.crl;
import static org.stica.tests.crl.CrlFixtures.crlUrl;
import static org.stica.tests.crl.CrlFixtures.enroll;
import static org.stica.tests.crl.CrlFixtures.get;
import static org.stica.tests.crl.CrlFixtures.publish;
import static org.stica.tests.crl.CrlFixtures.revoke;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.tests.crl.CrlFixtures.Enrolled;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;

/**
 * Java's PKIX validation (STANDARDS.md §6.5: CertPathValidator with a PKIXRevocationChecker set to
 * PREFER_CRLS, NO_FALLBACK, ONLY_END_ENTITY and a CertStore) reads our chain and the indirect
 * SHAKEN CRL: a good leaf validates, a revoked leaf is REVOKED. Java also checks the CRL signer's
 * own revocation, so the root-signed CRL (ARL) served at {@code /crl/root.crl} goes in the store.
 */
class JavaPkixIT {
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start();
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void pkix_goodLeaf_validates() throws Exception {
        Enrolled cert = enroll(h, "2001");
        publish(h);
        validate(cert);
    }

    @Test
    void pkix_revokedLeaf_isRevoked() throws Exception {
        Enrolled cert = enroll(h, "2002");
        assertEquals(200, revoke(h, cert.serial(), "keyCompromise").statusCode());
        publish(h);
        CertPathValidatorException e = assertThrows(CertPathValidatorException.class,
                () -> validate(cert));
        assertEquals(BasicReason.REVOKED, e.getReason(), e.toString());
        // STANDARDS.md §6.5: OpenSSL reads the same indirect CRL only with -extended_crl
        OpenSsl.Result openssl = opensslVerify(cert);
        assertTrue(openssl.output().contains("certificate revoked"), openssl.output());
    }

    @Test
    void openssl_goodLeaf_crlCheckPasses() throws Exception {
        Enrolled cert = enroll(h, "2003");
        publish(h);
        OpenSsl.Result openssl = opensslVerify(cert);
        assertEquals(0, openssl.exitCode(), openssl.output());
    }

    private static OpenSsl.Result opensslVerify(Enrolled cert) throws Exception {
        return CrlFixtures.opensslVerify(h, cert, false);
    }

    private static void validate(Enrolled cert) throws Exception {
        String base = h.server().publicUrl();
        X509Certificate root = certificate(get(base + "/ca/roots.pem").body());
        X509Certificate signer = certificate(get(base + "/crl/signer.pem").body());
        List<Object> store = new ArrayList<>(cert.chain());
        store.add(signer);
        store.add(crl(get(crlUrl(cert.leaf())).body()));
        store.add(crl(get(base + "/crl/root.crl").body()));

        CrlFixtures.validatePkix(List.of(cert.leaf(), cert.chain().get(1)),
                Set.of(new TrustAnchor(root, null)), store);
    }
}
