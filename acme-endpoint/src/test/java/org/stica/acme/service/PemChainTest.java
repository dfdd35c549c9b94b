package org.stica.acme.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.stica.acme.support.TestPki;
import org.stica.acme.support.TnAuthLists;

class PemChainTest {
    private final TestPki pki = new TestPki();
    private final List<X509Certificate> chain = List.of(pki.issue(TestPki.p256().getPublic(),
            "1234", TnAuthLists.spcs("1234")), pki.caCertificate());

    @Test
    void encode_isTheTextBouncyCastlesPemWriterWrites() throws Exception {
        StringWriter expected = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(expected)) {
            for (X509Certificate certificate : chain) {
                writer.writeObject(certificate);
            }
        }
        assertEquals(expected.toString(), PemChain.encode(chain));
    }

    @Test
    void encode_parsesBackToTheSameChainInOrder() throws Exception {
        byte[] pem = PemChain.encode(chain).getBytes(StandardCharsets.US_ASCII);
        assertEquals(chain, List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem))));
    }
}
