package org.stica.tests.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.support.AdminHttp;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/** Shared steps of the revocation and publication tests: enroll, admin calls, downloads. */
final class CrlFixtures {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An issued certificate with its order (for acme4j revocation) and chain. */
    record Enrolled(Order order, List<X509Certificate> chain) {
        X509Certificate leaf() {
            return chain.get(0);
        }

        BigInteger serial() {
            return leaf().getSerialNumber();
        }
    }

    private CrlFixtures() {
    }

    static Enrolled enroll(StiCaHarness h, String spc) throws Exception {
        return enroll(h, h.directoryUrl(), spc);
    }

    /** Enrolls through the ACME directory {@code directoryUrl} (e.g. a second instance's). */
    static Enrolled enroll(StiCaHarness h, String directoryUrl, String spc) throws Exception {
        Carrier carrier = Carrier.register(directoryUrl);
        byte[] der = Carrier.spcDer(spc);
        Order order = carrier.order(Carrier.base64Url(der));
        var challenge = carrier.answer(order, "atc",
                h.pa.mint(TestStiPa.claims(Carrier.base64Padded(der), carrier.spkiFingerprint())));
        assertEquals(Status.VALID, challenge.getStatus(), () -> "challenge: " + challenge.getError());
        order.waitUntilReady(Duration.ofSeconds(15));
        KeyPair certKey = TestStiPa.ecKey();
        order.execute(TnAuthCsr.build(certKey, der));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));
        return new Enrolled(order, order.getCertificate().getCertificateChain());
    }

    static HttpResponse<String> admin(StiCaHarness h, String method, String path, String body)
            throws Exception {
        return admin(h.adminUrl(), h.adminToken(), method, path, body);
    }

    static JsonObject publish(String adminUrl, String token) throws Exception {
        HttpResponse<String> r = admin(adminUrl, token, "POST", "/admin/v1/crls/publish", null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    static HttpResponse<String> admin(String adminUrl, String token, String method, String path,
            String body) throws Exception {
        return AdminHttp.send(adminUrl, token, method, path, body);
    }

    static HttpResponse<String> revoke(StiCaHarness h, BigInteger serial, String reason)
            throws Exception {
        return admin(h, "POST", "/admin/v1/certificates/" + serial.toString(16) + "/revoke",
                "{\"reason\":\"" + reason + "\"}");
    }

    static JsonObject publish(StiCaHarness h) throws Exception {
        return publish(h.adminUrl(), h.adminToken());
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> head(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static X509CRL crl(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(der));
    }

    static List<X509Certificate> certificates(byte[] pem) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    static X509Certificate certificate(byte[] pem) throws Exception {
        return certificates(pem).get(0);
    }

    /** The URI of the certificate's first CRL distribution point. */
    static String crlUrl(X509Certificate cert) {
        CRLDistPoint dp = CRLDistPoint.getInstance(ASN1OctetString.getInstance(
                cert.getExtensionValue(Extension.cRLDistributionPoints.getId())).getOctets());
        GeneralNames names = GeneralNames.getInstance(
                dp.getDistributionPoints()[0].getDistributionPoint().getName());
        for (GeneralName n : names.getNames()) {
            if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                return DERIA5String.getInstance(n.getName()).getString();
            }
        }
        throw new AssertionError("no URI in the CRL distribution point");
    }

    /**
     * {@code openssl verify -extended_crl} of {@code cert} against the served root, intermediate,
     * CRL signer and CRL, plus the root's ARL when {@code checkAll} (then with
     * {@code -crl_check_all}: every certificate of the path, RFC 5280 §6.3).
     */
    static OpenSsl.Result opensslVerify(StiCaHarness h, Enrolled cert, boolean checkAll)
            throws Exception {
        String base = h.server().publicUrl();
        Path dir = Files.createTempDirectory("stica-verify");
        Path roots = dir.resolve("roots.pem");
        Files.write(roots, get(base + "/ca/roots.pem").body());
        Path untrusted = dir.resolve("untrusted.pem");
        Files.writeString(untrusted, pem(cert.chain().get(1))
                + new String(get(base + "/crl/signer.pem").body()));
        Path crl = dir.resolve("shaken.crl");
        Files.write(crl, get(crlUrl(cert.leaf())).body());
        Path leaf = dir.resolve("leaf.pem");
        Files.writeString(leaf, pem(cert.leaf()));
        List<String> command = new ArrayList<>(List.of("openssl", "verify",
                checkAll ? "-crl_check_all" : "-crl_check", "-extended_crl",
                "-CAfile", roots.toString(), "-untrusted", untrusted.toString(),
                "-CRLfile", crl.toString()));
        if (checkAll) {
            Path arl = dir.resolve("root.crl");
            Files.write(arl, get(base + "/crl/root.crl").body());
            command.addAll(List.of("-CRLfile", arl.toString()));
        }
        command.add(leaf.toString());
        return OpenSsl.run(command);
    }

    /**
     * Java PKIX validation of {@code path} (STANDARDS.md §6.5): CertPathValidator with
     * {@code anchors}, a CertStore holding {@code store} and a PKIXRevocationChecker set to
     * PREFER_CRLS, NO_FALLBACK, ONLY_END_ENTITY; throws CertPathValidatorException.
     */
    static void validatePkix(List<X509Certificate> path, Set<TrustAnchor> anchors,
                             List<Object> store) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK,
                PKIXRevocationChecker.Option.ONLY_END_ENTITY));
        PKIXParameters params = new PKIXParameters(anchors);
        params.addCertStore(CertStore.getInstance("Collection",
                new CollectionCertStoreParameters(store)));
        params.addCertPathChecker(checker);
        params.setRevocationEnabled(false);
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(path),
                params);
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
