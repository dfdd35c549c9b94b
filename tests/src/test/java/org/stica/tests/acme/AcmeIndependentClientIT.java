package org.stica.tests.acme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * A second, independent ACME client (jose4j + java.net.http, {@link Jose4jAcmeClient}) completes
 * the same TNAuthList enrollment as acme4j does in EnrollmentIT, against the real server.
 */
class AcmeIndependentClientIT {
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
    void enroll_jose4jClient_receivesShakenCertificateForItsKey() throws Exception {
        Jose4jAcmeClient client = new Jose4jAcmeClient(h.directoryUrl());
        client.newAccount();
        byte[] der = Carrier.spcDer("4321");
        KeyPair certKey = TestStiPa.ecKey();
        String pem = client.enroll(h.pa, der, certKey);

        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(
                pem.getBytes(StandardCharsets.US_ASCII)))
                .forEach(c -> chain.add((X509Certificate) c));
        assertEquals(2, chain.size(), "end entity + intermediate (RFC 8555 §9.1)");
        X509Certificate leaf = chain.get(0);
        assertEquals(certKey.getPublic(), leaf.getPublicKey());
        assertTrue(leaf.getSubjectX500Principal().getName().contains("CN=SHAKEN 4321"));
        // RFC 8226 §9: the certificate carries exactly the ordered TNAuthList
        assertArrayEquals(der, ASN1OctetString.getInstance(
                leaf.getExtensionValue("1.3.6.1.5.5.7.1.26")).getOctets());
        leaf.verify(chain.get(1).getPublicKey());
    }
}
