package org.stica.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;
import org.stica.server.demo.TnAuthCsr;

/**
 * A carrier enrolls end to end with acme4j (RFC 8555 + RFC 9447/9448 tkauth-01) against the real
 * server on PostgreSQL and SoftHSM; the result is checked with openssl and by decoding the
 * certificate independently of the server's code.
 */
class EnrollmentIT {
    private static StiCaHarness h;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start();
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void enroll_validSpcToken_issuesShakenCertificateThatOpensslVerifies() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("1234");
        Order order = carrier.order(Carrier.base64Url(der));
        assertEquals(Status.PENDING, order.getStatus());

        var challenge = carrier.answer(order, "atc",
                h.pa.mint(TestStiPa.claims(Carrier.base64Padded(der), carrier.spkiFingerprint())));
        // RFC 9448 §4: the challenge says tkauth-type "atc"
        assertEquals("atc", challenge.tkauthType());
        assertEquals(Status.VALID, challenge.getStatus(), () -> "challenge error: " + challenge.getError());

        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(15)));
        KeyPair certKey = TestStiPa.ecKey();
        order.execute(TnAuthCsr.build(certKey, der));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));

        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        assertEquals(2, chain.size(), "end entity + intermediate");
        X509Certificate leaf = chain.get(0);
        assertEquals(certKey.getPublic(), leaf.getPublicKey());
        // ATIS-1000080 §6.4.1: CN is "SHAKEN <SPC>"
        assertTrue(leaf.getSubjectX500Principal().getName().contains("CN=SHAKEN 1234"),
                leaf.getSubjectX500Principal().getName());
        // RFC 8226 §9: the TNAuthList decodes to the SPC ordered (explicit [0] IA5String)
        byte[] ext = ASN1OctetString.getInstance(leaf.getExtensionValue("1.3.6.1.5.5.7.1.26")).getOctets();
        assertArrayEquals(der, ext);
        ASN1TaggedObject entry = ASN1TaggedObject.getInstance(ASN1Sequence.getInstance(ext).getObjectAt(0));
        assertEquals(0, entry.getTagNo());
        assertEquals("1234", DERIA5String.getInstance(entry.getExplicitBaseObject()).getString());
        assertTrue(!leaf.getCriticalExtensionOIDs().contains("1.3.6.1.5.5.7.1.26"),
                "TNAuthList must be non-critical (RFC 8226 §9)");

        Path dir = Files.createTempDirectory("stica-chain");
        Path root = dir.resolve("root.pem");
        Files.writeString(root, get(h.server().publicUrl() + "/ca/roots.pem").body());
        Path intermediate = dir.resolve("intermediate.pem");
        Files.writeString(intermediate, pem(chain.get(1)));
        Path leafPem = dir.resolve("leaf.pem");
        Files.writeString(leafPem, pem(leaf));
        OpenSsl.Result verify = OpenSsl.run(List.of("openssl", "verify", "-CAfile", root.toString(),
                "-untrusted", intermediate.toString(), leafPem.toString()));
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("OK"), verify.output());

        // RFC 9448 §7: the order names a public x5u URL serving exactly the chain issued
        String x5u = order.getJSON().get("x5u").asString();
        HttpResponse<String> repo = get(x5u);
        assertEquals(200, repo.statusCode());
        assertEquals(chain, parseChain(repo.body()));

        // The CRL distribution point names a URL that serves a CRL openssl accepts; after a
        // revocation through the admin API the certificate reads as revoked.
        String crlUrl = crlUrl(leaf);
        Path signer = dir.resolve("crl-signer.pem");
        Files.writeString(signer, get(h.server().publicUrl() + "/crl/signer.pem").body());
        Path crl = dir.resolve("shaken.crl");
        Files.write(crl, getBytes(crlUrl));
        Path untrusted = dir.resolve("untrusted.pem");
        Files.writeString(untrusted, pem(chain.get(1)) + Files.readString(signer));
        List<String> crlCheck = List.of("openssl", "verify", "-crl_check", "-extended_crl", "-CAfile",
                root.toString(), "-untrusted", untrusted.toString(), "-CRLfile", crl.toString(),
                leafPem.toString());
        OpenSsl.Result good = OpenSsl.run(crlCheck);
        assertEquals(0, good.exitCode(), good.output());

        HttpResponse<String> revoked = HTTP.send(HttpRequest.newBuilder(URI.create(h.adminUrl()
                        + "/admin/v1/certificates/" + leaf.getSerialNumber().toString(16) + "/revoke"))
                .header("Authorization", "Bearer " + h.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"keyCompromise\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, revoked.statusCode(), revoked.body());
        Files.write(crl, getBytes(crlUrl));
        OpenSsl.Result bad = OpenSsl.run(crlCheck);
        assertNotEquals(0, bad.exitCode(), bad.output());
        assertTrue(bad.output().contains("certificate revoked"), bad.output());
        OpenSsl.Result crlText = OpenSsl.run(List.of("openssl", "crl", "-inform", "DER", "-noout",
                "-text", "-in", crl.toString()));
        assertTrue(crlText.output().toUpperCase().contains(leaf.getSerialNumber().toString(16).toUpperCase()),
                crlText.output());
    }

    @Test
    void enroll_tokenUnderRfcMemberName_isAccepted() throws Exception {
        // STANDARDS.md §0 trap 1 / RFC 9448 §4: the response member may be "tkauth"
        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("567A");
        Order order = carrier.order(Carrier.base64Padded(der));
        var challenge = carrier.answer(order, "tkauth",
                h.pa.mint(TestStiPa.claims(Carrier.base64Url(der), carrier.spkiFingerprint())));
        assertEquals(Status.VALID, challenge.getStatus(), () -> "challenge error: " + challenge.getError());
    }

    static String crlUrl(X509Certificate cert) {
        CRLDistPoint dp = CRLDistPoint.getInstance(ASN1OctetString.getInstance(
                cert.getExtensionValue(Extension.cRLDistributionPoints.getId())).getOctets());
        GeneralNames names = GeneralNames.getInstance(dp.getDistributionPoints()[0].getDistributionPoint().getName());
        for (GeneralName n : names.getNames()) {
            if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                return DERIA5String.getInstance(n.getName()).getString();
            }
        }
        throw new AssertionError("no URI in the CRL distribution point");
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static byte[] getBytes(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    static List<X509Certificate> parseChain(String pem) throws Exception {
        var factory = java.security.cert.CertificateFactory.getInstance("X.509");
        List<X509Certificate> certs = new java.util.ArrayList<>();
        for (var c : factory.generateCertificates(new java.io.ByteArrayInputStream(pem.getBytes()))) {
            certs.add((X509Certificate) c);
        }
        return certs;
    }
}
