package org.stica.tests.crl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.tests.crl.CrlFixtures.admin;
import static org.stica.tests.crl.CrlFixtures.certificate;
import static org.stica.tests.crl.CrlFixtures.crl;
import static org.stica.tests.crl.CrlFixtures.enroll;
import static org.stica.tests.crl.CrlFixtures.get;
import static org.stica.tests.crl.CrlFixtures.pem;
import static org.stica.tests.crl.CrlFixtures.publish;
import static org.stica.tests.crl.CrlFixtures.revoke;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.tests.crl.CrlFixtures.Enrolled;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;

/**
 * The CA under an STI-PA (issue 20; STANDARDS.md §1.1 item 8, §4.2, §6.1 mode 1, §6.5): with
 * {@code ecosystem.mode=sti-pa} and the test STI-PA publishing its CRL as the US STI-PA does
 * (separate CRL signer under the STI-PA root, issuer {@code L, ST, CN, C, O}, indirect, PEM),
 * certificates issued through acme4j, and the intermediates of init-ca and of a rollover, name
 * that CRL's URL and issuer byte for byte; Java PKIX (the CA root and the STI-PA root trusted)
 * accepts a good certificate and, once the STI-PA lists it from the CA's signed report, reports
 * it revoked; OpenSSL cannot check such a CRL at all (its signer chains to another root), which
 * the last test shows rather than hides.
 */
class StiPaEcosystemIT {
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.startWith(pa -> Map.of("STICA_ECOSYSTEM_MODE", "sti-pa",
                "STICA_ECOSYSTEM_CRL_URL", pa.crl().url().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void issuedCertificateAndIntermediate_nameTheStiPaCrlUrlAndIssuerByteForByte()
            throws Exception {
        Enrolled cert = enroll(h, "1001");
        // what a verifier downloads from the STI-PA, read here without the server's code
        byte[] crlDer = pemBody(get(h.pa.crl().url().toString()).body());
        byte[] issuerDer = CertificateList.getInstance(crlDer).getIssuer()
                .getEncoded(ASN1Encoding.DER);

        // init-ca's intermediate (chain.pem) as well as the one that signed this certificate
        X509Certificate initCaIntermediate = CrlFixtures.certificates(Files.readAllBytes(
                h.dataDir.resolve("ca").resolve("chain.pem"))).get(0);
        for (X509Certificate named : List.of(cert.leaf(), cert.chain().get(1),
                initCaIntermediate)) {
            DistributionPoint point = distributionPoint(named);
            assertEquals(h.pa.crl().url().toString(), uri(point));
            byte[] crlIssuer = X500Name.getInstance(point.getCRLIssuer().getNames()[0]
                    .getName()).getEncoded(ASN1Encoding.DER);
            assertArrayEquals(issuerDer, crlIssuer, named.getSubjectX500Principal().getName());
            // STANDARDS.md §1.1 item 8: RDN order L, ST, CN, C, O as the STI-PA names it
            assertEquals(List.of(BCStyle.L, BCStyle.ST, BCStyle.CN, BCStyle.C, BCStyle.O),
                    types(X500Name.getInstance(crlIssuer)));
        }
    }

    @Test
    void pkix_acceptsAGoodCertificate_andReportsOneTheStiPaListedAsRevoked() throws Exception {
        Enrolled cert = enroll(h, "1002");
        validate(cert, h.pa.crl().crl());

        assertEquals(200, revoke(h, cert.serial(), "keyCompromise").statusCode());
        String serial = cert.serial().toString(16);
        JsonObject pending = new JsonObject(admin(h, "GET", "/admin/v1/sti-pa/revocation-reports",
                null).body());
        assertTrue(pending.getJsonArray("pending").stream().map(JsonObject.class::cast)
                .anyMatch(p -> serial.equals(p.getString("serial"))), pending.encode());
        // verifiers read the STI-PA's CRL: until the STI-PA lists it, the certificate validates
        validate(cert, h.pa.crl().crl());

        HttpResponse<String> exported = admin(h, "POST",
                "/admin/v1/sti-pa/revocation-reports/exports", null);
        assertEquals(201, exported.statusCode(), exported.body());
        JsonObject export = new JsonObject(exported.body());
        String jws = export.getString("document");
        HttpResponse<byte[]> download = get(h.adminUrl()
                + "/admin/v1/sti-pa/revocation-reports/exports/" + export.getLong("id"),
                "Authorization", "Bearer " + h.adminToken());
        assertEquals(200, download.statusCode());
        assertEquals("application/jose", download.headers().firstValue("Content-Type")
                .orElse(""));
        assertEquals(jws, new String(download.body()));
        stiPaProcesses(jws);

        CertPathValidatorException revoked = assertThrows(CertPathValidatorException.class,
                () -> validate(cert, h.pa.crl().crl()));
        assertEquals(BasicReason.REVOKED, revoked.getReason(), revoked.toString());

        HttpResponse<String> marked = admin(h, "POST", "/admin/v1/sti-pa/revocation-reports"
                + "/exports/" + export.getLong("id") + "/submitted", "{\"reference\":\"T-1\"}");
        assertEquals(200, marked.statusCode(), marked.body());
        assertEquals("submitted", new JsonObject(marked.body()).getString("status"));
        assertEquals(409, admin(h, "POST", "/admin/v1/sti-pa/revocation-reports/exports/"
                + export.getLong("id") + "/submitted", null).statusCode());

        // the CA still keeps and serves its own CRL, for its records (STANDARDS.md §6.1)
        publish(h);
        X509CRL own = crl(get(h.server().publicUrl() + "/crl/shaken.crl").body());
        assertTrue(own.isRevoked(cert.leaf()));
        assertNotEquals(h.pa.crl().url().toString(), h.server().publicUrl() + "/crl/shaken.crl");
    }

    @Test
    void rollover_newIntermediateNamesTheStiPaCrlToo() throws Exception {
        HttpResponse<String> rolled = admin(h, "POST", "/admin/v1/ca/intermediates/rollover",
                null);
        assertEquals(201, rolled.statusCode(), rolled.body());
        String alias = new JsonObject(rolled.body()).getString("alias");

        Enrolled cert = enroll(h, "1003");
        X509Certificate intermediate = cert.chain().get(1);
        String subject = intermediate.getSubjectX500Principal().getName();
        assertTrue(subject.contains("Intermediate CA "
                + alias.substring("intermediate-".length())), subject);
        assertEquals(h.pa.crl().url().toString(), uri(distributionPoint(intermediate)));
        assertArrayEquals(h.pa.crl().crl().getIssuerX500Principal().getEncoded(),
                X500Name.getInstance(distributionPoint(intermediate).getCRLIssuer().getNames()[0]
                        .getName()).getEncoded(ASN1Encoding.DER));
        validate(cert, h.pa.crl().crl());
    }

    /**
     * STANDARDS.md §0 trap 7, §6.5: OpenSSL checks an indirect CRL only when its signer chains
     * to the same trust anchor as the certificate. The STI-PA's CRL signer chains to the STI-PA
     * root, so {@code openssl verify -crl_check -extended_crl} fails with error 54 "CRL path
     * validation error" for a good certificate, where Java PKIX says VALID: OpenSSL-based
     * verifiers (Asterisk, libstirshaken with a CRL configured) cannot use the STI-PA CRL.
     */
    @Test
    void openssl_cannotCheckTheStiPaCrlWhoseSignerIsUnderAnotherRoot() throws Exception {
        Enrolled cert = enroll(h, "1004");
        validate(cert, h.pa.crl().crl());
        Path dir = Files.createTempDirectory("stica-sti-pa-verify");
        Path roots = write(dir, "roots.pem", new String(get(h.server().publicUrl()
                + "/ca/roots.pem").body()) + pem(h.pa.root()));
        Path untrusted = write(dir, "untrusted.pem", pem(cert.chain().get(1))
                + pem(h.pa.crl().signer()));
        Path stiPaCrl = dir.resolve("sti-pa.crl");
        Files.write(stiPaCrl, get(h.pa.crl().url().toString()).body());
        Path rootCrl = dir.resolve("sti-pa-root.crl");
        Files.write(rootCrl, h.pa.crl().rootCrl().getEncoded());
        Path leaf = write(dir, "leaf.pem", pem(cert.leaf()));

        OpenSsl.Result result = OpenSsl.run(List.of("openssl", "verify", "-crl_check",
                "-extended_crl", "-CAfile", roots.toString(), "-untrusted",
                untrusted.toString(), "-CRLfile", stiPaCrl.toString(), "-CRLfile",
                rootCrl.toString(), leaf.toString()));

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("error 54"), result.output());
        assertTrue(result.output().contains("CRL path validation error"), result.output());
        assertFalse(result.output().contains(": OK"), result.output());
    }

    /** The STI-PA acts on the CA's report: verifies it and lists each revocation. */
    private static void stiPaProcesses(String jws) throws Exception {
        JWSObject report = JWSObject.parse(jws);
        X509Certificate signer = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(report.getHeader()
                        .getX509CertChain().get(0).decode()));
        assertTrue(report.verify(new ECDSAVerifier((ECPublicKey) signer.getPublicKey())));
        JsonObject payload = new JsonObject(report.getPayload().toString());
        assertEquals(h.pa.crl().url().toString(), payload.getString("stiPaCrl"));
        payload.getJsonArray("revocations").stream().map(JsonObject.class::cast)
                .forEach(r -> h.pa.crl().revoke(new BigInteger(r.getString("serial"), 16),
                        Base64.getDecoder().decode(r.getString("issuerDer")),
                        r.getInteger("reasonCode")));
    }

    /**
     * Java PKIX (STANDARDS.md §6.5): the CA root and the STI-PA root as trust anchors (the
     * latter for the CRL signer), a CertStore with the intermediate, the STI-PA CRL signer, the
     * STI-PA CRL and the STI-PA root's CRL over its signer; PREFER_CRLS, NO_FALLBACK,
     * ONLY_END_ENTITY.
     */
    private static void validate(Enrolled cert, X509CRL stiPaCrl) throws Exception {
        X509Certificate caRoot = certificate(get(h.server().publicUrl() + "/ca/roots.pem")
                .body());
        List<Object> store = new ArrayList<>(cert.chain());
        store.add(h.pa.crl().signer());
        store.add(stiPaCrl);
        store.add(h.pa.crl().rootCrl());
        CrlFixtures.validatePkix(List.of(cert.leaf(), cert.chain().get(1)), Set.of(
                new TrustAnchor(caRoot, null), new TrustAnchor(h.pa.root(), null)), store);
    }

    private static DistributionPoint distributionPoint(X509Certificate cert) {
        return CRLDistPoint.getInstance(ASN1OctetString.getInstance(cert.getExtensionValue(
                Extension.cRLDistributionPoints.getId())).getOctets()).getDistributionPoints()[0];
    }

    private static String uri(DistributionPoint point) {
        GeneralName[] names = GeneralNames.getInstance(point.getDistributionPoint().getName())
                .getNames();
        assertEquals(1, names.length);
        assertEquals(GeneralName.uniformResourceIdentifier, names[0].getTagNo());
        return DERIA5String.getInstance(names[0].getName()).getString();
    }

    private static List<ASN1ObjectIdentifier> types(X500Name name) {
        List<ASN1ObjectIdentifier> types = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            types.add(rdn.getFirst().getType());
        }
        return types;
    }

    private static byte[] pemBody(byte[] pem) throws Exception {
        try (PemReader reader = new PemReader(new java.io.StringReader(new String(pem)))) {
            return reader.readPemObject().getContent();
        }
    }

    private static Path write(Path dir, String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
