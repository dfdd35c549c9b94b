package org.stica.policy.rcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.policy.rcd.RcdVectors.utf8;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.TestPki;
import org.stica.policy.profile.ShakenCertificateTemplates;

/** A verifier's per-rule check of a PASSporT against its certificate's constraint (RCD.md §9). */
class RcdPassportCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final byte[] ICON = utf8("\u0089PNG the vetted Q Branch icon");
    private static final Rcd VETTED = Rcd.ofName(RcdVectors.NAM).withIcon(RcdVectors.ICN);

    private static Rcdi vettedRcdi;
    private static X509CertificateHolder delegate;
    private static X509CertificateHolder plain;

    @BeforeAll
    static void certificates() throws Exception {
        vettedRcdi = RcdiCalculatorTest.await(RcdiCalculator.compute(VETTED, serving(ICON),
                RcdiAlgorithm.SHA256));
        JwtClaimConstraints constraints = RcdConstraintsBuilder.of(VETTED, vettedRcdi).build();
        KeyPair issuerKeys = TestPki.p256();
        X509Certificate issuer = TestPki.root("C=US, O=Example STI-CA, CN=Example Root",
                issuerKeys, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
        X509v3CertificateBuilder builder = ShakenCertificateTemplates.endEntity(
                TestPki.endEntitySpec(issuer, TestPki.p256(), "1234", NOW,
                        NOW.plus(Duration.ofDays(30))));
        plain = TestPki.signHolder(builder, issuerKeys.getPrivate());
        builder.addExtension(JwtClaimConstraintsCodec.extension(constraints));
        delegate = TestPki.signHolder(builder, issuerKeys.getPrivate());
    }

    @Test
    void check_vettedRcdAndRcdi_everyRulePasses() throws Exception {
        RcdVerification result = check(payload(VETTED, vettedRcdi), delegate, serving(ICON));
        assertTrue(result.passed(), result::toString);
        assertEquals(List.of("constraints present", "mustInclude rcd", "mustInclude rcdi",
                "permittedValues rcdi", "rcd construction", "rcdi /icn", "rcdi /nam",
                "rcdi coverage"), result.verdicts().stream().map(RuleVerdict::rule).toList());
    }

    @Test
    void check_otherNam_failsTheNamDigest() throws Exception {
        // RFC 9795 §8.2: rcd content that does not match its pinned rcdi digest fails.
        Rcd other = Rcd.ofName("Spectre Gadgets").withIcon(RcdVectors.ICN);
        RcdVerification result = check(payload(other, vettedRcdi), delegate, serving(ICON));
        assertEquals(List.of("rcdi /nam"), failedRules(result));
    }

    @Test
    void check_otherIconBytes_failsTheIcnDigest() throws Exception {
        // RFC 9795 §6.1.2, §8.2: /icn covers the image bytes fetched.
        RcdVerification result = check(payload(VETTED, vettedRcdi), delegate,
                serving(utf8("a different logo")));
        assertEquals(List.of("rcdi /icn"), failedRules(result));
    }

    @Test
    void check_otherRcdiForOtherNam_failsPermittedValues() throws Exception {
        // RFC 9795 §6.3, RFC 9118 §3 item 2: a self-made rcdi is not the permitted one.
        Rcd other = Rcd.ofName("Spectre Gadgets").withIcon(RcdVectors.ICN);
        Rcdi otherRcdi = RcdiCalculatorTest.await(RcdiCalculator.compute(other, serving(ICON),
                RcdiAlgorithm.SHA256));
        RcdVerification result = check(payload(other, otherRcdi), delegate, serving(ICON));
        assertEquals(List.of("permittedValues rcdi"), failedRules(result));
    }

    @Test
    void check_missingRcdi_failsMustInclude() throws Exception {
        // RFC 8226 §8 / RFC 9795 §6.3: mustInclude rcdi.
        JsonObject payload = payload(VETTED, vettedRcdi);
        payload.remove("rcdi");
        RcdVerification result = check(payload, delegate, serving(ICON));
        assertEquals(List.of("mustInclude rcdi"), failedRules(result));
    }

    @Test
    void check_certificateWithoutExtension_fails() throws Exception {
        // RFC 9795 §4 Table 1: a non-authoritative signer's rcd needs the constraint.
        RcdVerification result = check(payload(VETTED, vettedRcdi), plain, serving(ICON));
        assertFalse(result.passed());
        assertEquals(List.of("constraints present"), failedRules(result));
    }

    @Test
    void check_extraUnpinnedApn_failsCoverage() throws Exception {
        // RCD.md §7 gap, closed by this CA's policy (RCD.md §8 item 3).
        JsonObject payload = payload(VETTED, vettedRcdi);
        payload.getJsonObject("rcd").put("apn", "12025559999");
        assertEquals(List.of("rcdi coverage"), failedRules(check(payload, delegate,
                serving(ICON))));
    }

    @Test
    void check_iconNotFetchable_failsAsUnverified() throws Exception {
        // RFC 9795 §8.2: fetch error = content unverified (fail closed here).
        RcdVerification result = check(payload(VETTED, vettedRcdi), delegate,
                uri -> Future.failedFuture("connection refused"));
        assertEquals(List.of("rcdi /icn"), failedRules(result));
        assertTrue(result.failures().get(0).detail().contains("connection refused"),
                result::toString);
    }

    private static JsonObject payload(Rcd rcd, Rcdi rcdi) {
        // RCD.md §7 passing payload shape.
        return new JsonObject().put("dest", new JsonObject().put("tn",
                        new io.vertx.core.json.JsonArray().add("12155551001")))
                .put("iat", 1764072000).put("orig", new JsonObject().put("tn", "12025551000"))
                .put("rcd", rcd.toJson()).put("rcdi", rcdi.toJson());
    }

    private static RcdResourceFetcher serving(byte[] icon) {
        Map<URI, byte[]> bodies = Map.of(RcdVectors.ICN, icon);
        return uri -> bodies.containsKey(uri) ? Future.succeededFuture(bodies.get(uri))
                : Future.failedFuture("404");
    }

    private static RcdVerification check(JsonObject payload, X509CertificateHolder cert,
                                         RcdResourceFetcher fetcher) throws Exception {
        return RcdiCalculatorTest.await(RcdPassportCheck.check(payload, cert, fetcher));
    }

    private static List<String> failedRules(RcdVerification result) {
        return result.failures().stream().map(RuleVerdict::rule).toList();
    }
}
