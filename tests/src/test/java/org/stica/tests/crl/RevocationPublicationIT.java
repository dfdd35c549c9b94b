package org.stica.tests.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.tests.crl.CrlFixtures.admin;
import static org.stica.tests.crl.CrlFixtures.crl;
import static org.stica.tests.crl.CrlFixtures.crlUrl;
import static org.stica.tests.crl.CrlFixtures.enroll;
import static org.stica.tests.crl.CrlFixtures.get;
import static org.stica.tests.crl.CrlFixtures.head;
import static org.stica.tests.crl.CrlFixtures.publish;
import static org.stica.tests.crl.CrlFixtures.revoke;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.RevocationReason;
import org.stica.server.StiCaServer;
import org.stica.tests.crl.CrlFixtures.Enrolled;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;

/**
 * Revocation through ACME and the admin API, reflected in the CRL (within
 * {@code crl.publishDelay}, or at once on demand), CRL numbers across a restart and across two
 * instances, and the serving rules of the CRL (STANDARDS.md §6.2-§6.4) - end to end on PostgreSQL,
 * SoftHSM, acme4j and openssl.
 */
class RevocationPublicationIT {
    private static StiCaHarness h;
    private static Path publication;

    @BeforeAll
    static void start() throws Exception {
        publication = Files.createTempDirectory("stica-publication");
        h = StiCaHarness.start(Map.of("STICA_CRL_PUBLISH_DELAY", "2",
                "STICA_PUBLICATION_DIR", publication.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void adminRevoke_thenPublish_serialOnCrlThatOpensslVerifies() throws Exception {
        Enrolled cert = enroll(h, "1001");
        HttpResponse<String> revoked = revoke(h, cert.serial(), "keyCompromise");
        assertEquals(200, revoked.statusCode(), revoked.body());
        // STANDARDS.md §4.5 item 3: the revocation is recorded with who, when and why
        assertEquals(1, h.count("FROM certificate WHERE serial = '" + cert.serial().toString(16)
                + "' AND status = 'revoked' AND revocation_reason = 1 AND revoked_by = 'admin'"
                + " AND revoked_at IS NOT NULL"));

        JsonObject status = publish(h);
        assertTrue(status.getLong("entries") >= 1, status.encode());
        byte[] der = get(crlUrl(cert.leaf())).body();
        X509CRL crl = crl(der);
        X509CRLEntry entry = crl.getRevokedCertificate(cert.leaf());
        assertNotNull(entry, "revoked serial must be on the CRL published on demand");
        // RFC 5280 §5.3.1: the reason is carried as reasonCode
        assertEquals(CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
        assertEquals(status.getString("number"), crlNumber(crl).toString());

        Path dir = Files.createTempDirectory("stica-crl");
        Path file = dir.resolve("shaken.crl");
        Files.write(file, der);
        Path cas = dir.resolve("cas.pem");
        Files.writeString(cas, new String(get(h.server().publicUrl() + "/crl/signer.pem").body())
                + new String(get(h.server().publicUrl() + "/ca/roots.pem").body()));
        OpenSsl.Result verify = OpenSsl.run(List.of("openssl", "crl", "-inform", "DER", "-in",
                file.toString(), "-CAfile", cas.toString(), "-noout"));
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("verify OK"), verify.output());
    }

    @Test
    void adminRevoke_twice_secondIsAlreadyRevoked() throws Exception {
        Enrolled cert = enroll(h, "1002");
        assertEquals(200, revoke(h, cert.serial(), "superseded").statusCode());
        // RFC 8555 §7.6: revoking a revoked certificate is refused with alreadyRevoked
        HttpResponse<String> again = revoke(h, cert.serial(), "superseded");
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("alreadyRevoked"), again.body());
    }

    @Test
    void adminRevoke_certificateHoldReason_refused() throws Exception {
        Enrolled cert = enroll(h, "1003");
        // RFC 5280 §5.3.1 / STANDARDS.md §6.2 item 6: no certificateHold on a SHAKEN CRL
        HttpResponse<String> hold = revoke(h, cert.serial(), "certificateHold");
        assertEquals(400, hold.statusCode(), hold.body());
    }

    @Test
    void acmeRevoke_withDelay_serialOnCrlWithinDelay() throws Exception {
        Enrolled cert = enroll(h, "1004");
        cert.order().getCertificate().revoke(RevocationReason.SUPERSEDED);
        JsonObject pending = new JsonObject(admin(h, "GET", "/admin/v1/crls", null).body());
        assertTrue(pending.getBoolean("pending"), "the rebuild waits for crl.publishDelay");

        long deadline = System.nanoTime() + 15_000_000_000L;
        X509CRLEntry entry = null;
        while (entry == null && System.nanoTime() < deadline) {
            entry = crl(get(crlUrl(cert.leaf())).body()).getRevokedCertificate(cert.leaf());
            if (entry == null) {
                Thread.sleep(200);
            }
        }
        assertNotNull(entry, "the ACME revocation must reach the CRL within the delay");
        assertEquals(CRLReason.SUPERSEDED, entry.getRevocationReason());
    }

    @Test
    void crlDistributionPoint_conditionalGet_answers304AndHeadHasNoBody() throws Exception {
        Enrolled cert = enroll(h, "1005");
        String url = crlUrl(cert.leaf());
        HttpResponse<byte[]> first = get(url);
        assertEquals(200, first.statusCode());
        // STANDARDS.md §6.4 item 1: DER under application/pkix-crl
        assertEquals("application/pkix-crl", first.headers().firstValue("Content-Type").get());
        crl(first.body());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertTrue(first.headers().firstValue("Cache-Control").orElseThrow().contains("max-age="));

        // RFC 9110 §13.1.2, §13.1.3: a matching validator answers 304 without a body
        HttpResponse<byte[]> byTag = get(url, "If-None-Match", etag);
        assertEquals(304, byTag.statusCode());
        assertEquals(0, byTag.body().length);
        HttpResponse<byte[]> byDate = get(url, "If-Modified-Since", lastModified);
        assertEquals(304, byDate.statusCode());

        HttpResponse<byte[]> headOnly = head(url);
        assertEquals(200, headOnly.statusCode());
        assertEquals(0, headOnly.body().length);
        assertEquals(etag, headOnly.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void crlNumber_acrossRestartAndSecondInstance_strictlyIncreases() throws Exception {
        BigInteger first = new BigInteger(publish(h).getString("number"));
        h.restart();
        BigInteger afterRestart = new BigInteger(publish(h).getString("number"));
        // RFC 5280 §5.2.3: CRL numbers strictly increase, with no process-local counter
        assertTrue(afterRestart.compareTo(first) > 0, first + " then " + afterRestart);

        StiCaServer second = h.startSecondInstance();
        try {
            BigInteger fromSecond = new BigInteger(CrlFixtures.publish(
                    "http://127.0.0.1:" + second.adminPort(), h.adminToken()).getString("number"));
            assertTrue(fromSecond.compareTo(afterRestart) > 0, afterRestart + " then " + fromSecond);
            BigInteger again = new BigInteger(publish(h).getString("number"));
            assertTrue(again.compareTo(fromSecond) > 0, fromSecond + " then " + again);
        } finally {
            second.close().await();
        }
        assertFalse(h.server().publicUrl().isEmpty());
    }

    @Test
    void x5uUrl_issuedCertificate_servesExactlyTheChainWithCachingHeaders() throws Exception {
        Enrolled cert = enroll(h, "1006");
        // RFC 9448 §7: the order names the x5u URL of the chain issued
        String x5u = cert.order().getJSON().get("x5u").asString();
        HttpResponse<byte[]> chain = get(x5u);
        assertEquals(200, chain.statusCode());
        assertEquals(cert.chain(), CrlFixtures.certificates(chain.body()));
        // STANDARDS.md §4.4 item 5 and item 7
        assertEquals("application/pem-certificate-chain",
                chain.headers().firstValue("Content-Type").orElseThrow());
        String cacheControl = chain.headers().firstValue("Cache-Control").orElseThrow();
        assertFalse(cacheControl.contains("private") || cacheControl.contains("no-cache"));
        long maxAge = Long.parseLong(cacheControl.replaceAll(".*max-age=(\\d+).*", "$1"));
        long untilExpiry = (cert.leaf().getNotAfter().getTime() - System.currentTimeMillis())
                / 1000;
        assertTrue(maxAge >= 86_400 && maxAge <= untilExpiry, cacheControl);
        String etag = chain.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get(x5u, "If-None-Match", etag).statusCode());
        assertEquals(304, get(x5u, "If-Modified-Since",
                chain.headers().firstValue("Last-Modified").orElseThrow()).statusCode());
        assertEquals(0, head(x5u).body().length);
    }

    @Test
    void trustAnchors_pemAndJson_nameTheSameRoot() throws Exception {
        String base = h.server().publicUrl();
        var pem = CrlFixtures.certificate(get(base + "/ca/roots.pem").body());
        HttpResponse<byte[]> json = get(base + "/ca/trust-anchors.json");
        assertEquals(200, json.statusCode());
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
        JsonObject anchor = new JsonObject(new String(json.body())).getJsonArray("trustAnchors")
                .getJsonObject(0);
        assertEquals(pem, CrlFixtures.certificate(anchor.getString("pem").getBytes()));
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(pem.getEncoded())), anchor.getString("sha256"));
        String etag = json.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get(base + "/ca/trust-anchors.json", "If-None-Match", etag)
                .statusCode());
    }

    @Test
    void publicationDirectory_afterIssueAndPublish_holdsTheFilesServed() throws Exception {
        Enrolled cert = enroll(h, "1007");
        publish(h);
        String base = h.server().publicUrl();
        String x5u = cert.order().getJSON().get("x5u").asString();
        String crlPath = java.net.URI.create(crlUrl(cert.leaf())).getPath();
        // the directory mirrors the URL paths, each file written whole (temp + rename)
        java.util.Map<String, String> files = Map.of(
                java.net.URI.create(x5u).getPath(), x5u,
                crlPath, crlUrl(cert.leaf()),
                "/crl/root.crl", base + "/crl/root.crl",
                "/ca/roots.pem", base + "/ca/roots.pem",
                "/ca/trust-anchors.json", base + "/ca/trust-anchors.json");
        for (var file : files.entrySet()) {
            Path onDisk = publication.resolve(file.getKey().substring(1));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline
                    && !(Files.exists(onDisk) && java.util.Arrays.equals(Files.readAllBytes(onDisk),
                    get(file.getValue()).body()))) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(onDisk), "missing " + onDisk);
            org.junit.jupiter.api.Assertions.assertArrayEquals(get(file.getValue()).body(),
                    Files.readAllBytes(onDisk), file.getKey());
        }
        try (var listing = Files.walk(publication)) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                    "no temporary file is left behind");
        }
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] ext = crl.getExtensionValue("2.5.29.20");
        return org.bouncycastle.asn1.ASN1Integer.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets()).getValue();
    }
}
