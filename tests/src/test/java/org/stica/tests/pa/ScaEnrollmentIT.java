package org.stica.tests.pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.stica.policy.profile.EndEntitySpec;
import org.stica.policy.profile.SubscriberName;
import org.stica.policy.profile.ShakenCertificateTemplates;
import org.stica.server.ca.CaInitializer;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * SCA certificates end to end (RFC 9060; STANDARDS.md §2, §3.5 item 10, §4.1 item 5, §5.4): the
 * server in PA role issues a ca:true token to an SCA-flagged SP, acme4j enrolls under profile
 * {@code shaken-sca} and gets a cA TRUE pathLen 0 certificate with the TNAuthList; a delegate
 * signed by it within scope is published at the STI-CR and served, one outside scope is refused
 * with a problem document and not served.
 */
class ScaEnrollmentIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StiCaHarness h;
    private static String publicUrl;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of("STICA_PA_ROLE_ENABLED", "true",
                "STICA_CA_SCA_ENABLED", "true"));
        publicUrl = h.server().publicUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void scaEnrollment_caToken_issuesScaWhoseDelegatesArePublishedOnlyWithinScope()
            throws Exception {
        // draft-ietf-acme-profiles: shaken-sca is advertised because ca.sca.enabled is set
        JsonObject directory = new JsonObject(PaApi.get(h.directoryUrl()).body());
        assertTrue(directory.getJsonObject("meta").getJsonObject("profiles")
                .containsKey("shaken-sca"), directory.encode());

        String apiKey = PaApi.createSp(h, "7777", "Delegating Telecom", true);
        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("7777");
        HttpResponse<String> issued = PaApi.requestToken(publicUrl, "7777", apiKey,
                PaApi.atc(Carrier.base64Padded(der), true, carrier.spkiFingerprint()));
        assertEquals(200, issued.statusCode(), issued.body());

        Order order = carrier.account.newOrder().identifier(new org.shredzone.acme4j.Identifier(
                "TNAuthList", Carrier.base64Url(der))).profile("shaken-sca").create();
        var challenge = carrier.answer(order, "atc",
                new JsonObject(issued.body()).getString("token"));
        assertEquals(Status.VALID, challenge.getStatus(), () -> "error: " + challenge.getError());
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(15)));
        KeyPair scaKey = TestStiPa.ecKey();
        order.execute(caCsr(scaKey, der));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));
        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        X509Certificate sca = chain.get(0);
        X509Certificate intermediate = chain.get(1);

        // RFC 9060 §4 / STANDARDS.md §2 item 7: cA TRUE, pathLen 0, TNAuthList present
        assertEquals(0, sca.getBasicConstraints());
        assertNotNull(sca.getExtensionValue(TnAuthCsr.TN_AUTH_LIST.getId()));
        assertEquals(1, intermediate.getBasicConstraints());
        Path dir = Files.createTempDirectory("sca-it");
        Path root = h.dataDir.resolve("ca/root.pem");
        Path untrusted = write(dir.resolve("intermediate.pem"), List.of(intermediate));
        Path scaPem = write(dir.resolve("sca.pem"), List.of(sca));
        OpenSsl.Result verify = OpenSsl.run(List.of("openssl", "verify", "-CAfile",
                root.toString(), "-untrusted", untrusted.toString(), scaPem.toString()));
        assertEquals(0, verify.exitCode(), verify.output());

        // a delegate end entity within the SCA's scope is published and served (RFC 9060 §7)
        X509Certificate inScope = delegate(sca, scaKey, "7777");
        HttpResponse<String> accepted = postChain(List.of(inScope, sca));
        assertEquals(201, accepted.statusCode(), accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> served = PaApi.get(location);
        assertEquals(200, served.statusCode());
        assertEquals("application/pem-certificate-chain",
                served.headers().firstValue("Content-Type").orElse(""));
        assertTrue(served.headers().firstValue("Cache-Control").orElse("")
                .startsWith("public, max-age="));
        Path servedChain = Files.writeString(dir.resolve("served.pem"), served.body());
        OpenSsl.Result delegateVerify = OpenSsl.run(List.of("openssl", "verify", "-CAfile",
                root.toString(), "-untrusted", servedChain.toString(), servedChain.toString()));
        assertEquals(0, delegateVerify.exitCode(), delegateVerify.output());
        // the same leaf again: no second row, same x5u
        HttpResponse<String> again = postChain(List.of(inScope, sca));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(location, again.headers().firstValue("Location").orElseThrow());
        assertEquals(1, h.count("FROM delegate_certificate"));

        // a delegate for another SPC is refused with its own problem and nothing is stored
        HttpResponse<String> refused = postChain(List.of(delegate(sca, scaKey, "8888"), sca));
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json"));
        JsonObject problem = new JsonObject(refused.body());
        assertEquals("urn:stica:problem:delegateNotEncompassed", problem.getString("type"));
        assertTrue(problem.getString("detail").contains("SPC 8888"), refused.body());
        assertFalse(refused.headers().firstValue("Location").isPresent());
        assertEquals(1, h.count("FROM delegate_certificate"));
        assertTrue(h.count("FROM audit_event WHERE type = 'delegate.refused'") >= 1);

        // once the SCA is revoked, its delegates are refused
        HttpResponse<String> revoke = PaApi.admin(h, "POST", "/admin/v1/certificates/"
                + sca.getSerialNumber().toString(16) + "/revoke", "{\"reason\":\"keyCompromise\"}");
        assertEquals(200, revoke.statusCode(), revoke.body());
        HttpResponse<String> afterRevoke = postChain(List.of(delegate(sca, scaKey, "7777"), sca));
        assertEquals(403, afterRevoke.statusCode(), afterRevoke.body());
        assertTrue(new JsonObject(afterRevoke.body()).getString("detail").contains("revoked"));
    }

    @Test
    void delegatePublication_garbageBody_isMalformedProblem() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(publicUrl + "/cr/delegates"))
                .header("Content-Type", "application/pem-certificate-chain")
                .POST(HttpRequest.BodyPublishers.ofString("not a chain")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("urn:stica:problem:malformedDelegateChain",
                new JsonObject(response.body()).getString("type"));
        // the body is size-capped: 413 with a problem document, nothing read further
        HttpResponse<String> tooLarge = HTTP.send(HttpRequest.newBuilder(
                        URI.create(publicUrl + "/cr/delegates"))
                .POST(HttpRequest.BodyPublishers.ofString("A".repeat(40 * 1024))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertTrue(tooLarge.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json"));
    }

    private static X509Certificate delegate(X509Certificate sca, KeyPair scaKey, String spc)
            throws Exception {
        Instant now = Instant.now();
        EndEntitySpec spec = new EndEntitySpec(sca, TestStiPa.ecKey().getPublic(),
                new BigInteger(64, new SecureRandom()).setBit(63), spc,
                new SubscriberName("Delegate Customer", "US", Optional.empty(), Optional.empty()),
                Optional.empty(), now.minusSeconds(60), now.plus(Duration.ofDays(7)),
                h.config().ca().policyOid(), URI.create(publicUrl + "/crl/shaken.crl"),
                new X500Name("CN=Delegate CRL"));
        return new JcaX509CertificateConverter().getCertificate(
                ShakenCertificateTemplates.endEntity(spec).build(
                        new JcaContentSignerBuilder("SHA256withECDSA")
                                .build(scaKey.getPrivate())));
    }

    private static byte[] caCsr(KeyPair key, byte[] tnAuthListDer) throws Exception {
        Extensions extensions = new Extensions(new Extension[] {
            new Extension(TnAuthCsr.TN_AUTH_LIST, false, new DEROctetString(tnAuthListDer)),
            new Extension(Extension.basicConstraints, true,
                    new DEROctetString(new BasicConstraints(true).getEncoded()))
        });
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=SCA"), key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                .getEncoded();
    }

    private static HttpResponse<String> postChain(List<X509Certificate> chain) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(publicUrl + "/cr/delegates"))
                .header("Content-Type", "application/pem-certificate-chain")
                .POST(HttpRequest.BodyPublishers.ofString(CaInitializer.toPem(chain))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path write(Path file, List<X509Certificate> certificates) throws Exception {
        return Files.writeString(file, CaInitializer.toPem(certificates));
    }
}
