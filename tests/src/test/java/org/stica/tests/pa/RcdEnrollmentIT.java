package org.stica.tests.pa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.policy.rcd.Rcd;
import org.stica.policy.rcd.RcdConstraintsBuilder;
import org.stica.policy.rcd.Rcdi;
import org.stica.policy.rcd.RcdiAlgorithm;
import org.stica.server.ca.CaInitializer;
import org.stica.server.demo.TkAuthChallenge;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * Rich Call Data certificates end to end (issue 19; RCD.md §6, §8): an operator vets an RCD set
 * for a subscriber, a second admin key approves it, the server in PA role issues a
 * JWTClaimConstraints token for it to the subscriber's SP, acme4j orders a TNAuthList and a
 * JWTClaimConstraints identifier, answers two tkauth-01 challenges (an SPC token and the claim
 * token) and gets a certificate whose id-pe 27 extension is the identifier byte for byte, which
 * {@code openssl verify} accepts under our root; a renewal with the same key carries the same
 * extension (RFC 9118 §8). Refused, each with a precise problem and no certificate: an RCD set of
 * another subscriber, a pending set, a claim token from an anchor that is trusted only as the
 * STI-PA (not as a claim-token anchor), and a CSR whose extension differs by one byte.
 *
 * <p>The claim-token trust anchors are this server's own PA root, configured by file
 * ({@code STICA_RCD_CLAIM_TOKEN_TRUST_ANCHORS}); the root exists once the PA role has started,
 * so the harness starts, writes it into the file and restarts.
 */
class RcdEnrollmentIT {
    private static final String JWT_CLAIM_CONSTRAINTS = "JWTClaimConstraints";
    private static final String ACME = "urn:ietf:params:acme:error:";
    private static final String CARRIER_SPC = "7A01";
    private static final String OTHER_SPC = "7B02";

    private static StiCaHarness h;
    private static String publicUrl;
    private static String recorder;
    private static String approver;
    private static String carrierSubscriber;
    private static String otherSubscriber;
    private static String apiKey;
    /** The approved set's identifier value (base64url of the extension DER). */
    private static String identifier;

    @BeforeAll
    static void start() throws Exception {
        Path anchors = Files.createTempFile("claim-token-anchors", ".pem");
        h = StiCaHarness.startWith(pa -> {
            try {
                // replaced by this server's PA root below; until then, the test STI-PA's root
                Files.writeString(anchors, pa.trustAnchorPem());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Map.of("STICA_PA_ROLE_ENABLED", "true",
                    "STICA_RCD_CLAIM_TOKEN_TRUST_ANCHORS", anchors.toString());
        });
        String paRoot = PaApi.get(h.server().publicUrl() + "/pa/root.pem").body();
        assertTrue(paRoot.contains("BEGIN CERTIFICATE"), paRoot);
        Files.writeString(anchors, paRoot);
        h.restart();
        publicUrl = h.server().publicUrl();

        recorder = adminKey("rcd-recorder");
        approver = adminKey("rcd-approver");
        carrierSubscriber = subscriber("RCD Carrier, Inc.", CARRIER_SPC);
        otherSubscriber = subscriber("Other Carrier LLC", OTHER_SPC);
        apiKey = PaApi.createSp(h, CARRIER_SPC, "RCD Carrier", false);
        JsonObject set = recordSet(carrierSubscriber, "Q Branch Spy Gadgets");
        identifier = approve(carrierSubscriber, set).getJsonObject("identifier")
                .getString("value");
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void vettedSet_paToken_twoChallenges_certificateCarriesTheIdentifierAndRenewsIdentically()
            throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        Tokens tokens = tokens(carrier);
        KeyPair certKey = TestStiPa.ecKey();

        List<X509Certificate> chain = enroll(carrier, tokens, certKey);
        X509Certificate certificate = chain.get(0);

        // RCD.md §8 item 7: the extension value is the identifier, byte for byte, non-critical
        byte[] der = Base64.getUrlDecoder().decode(identifier);
        assertArrayEquals(der, extension(certificate));
        assertFalse(certificate.getCriticalExtensionOIDs().contains(
                JwtClaimConstraintsCodec.ID_PE_27.getId()));
        assertEquals(null, certificate.getExtensionValue(
                JwtClaimConstraintsCodec.ID_PE_33.getId()), "never both OIDs (RFC 9118 §6)");
        // RFC 9447 §7, RCD.md §8 item 8: not beyond the tokens' exp
        Instant exp = SignedJWT.parse(tokens.claim()).getJWTClaimsSet().getExpirationTime()
                .toInstant();
        assertFalse(certificate.getNotAfter().toInstant().isAfter(exp),
                certificate.getNotAfter() + " after " + exp);
        // an independent verifier: openssl accepts the chain under our root
        Path dir = Files.createTempDirectory("rcd-it");
        Path leaf = Files.writeString(dir.resolve("leaf.pem"),
                CaInitializer.toPem(List.of(certificate)));
        Path intermediate = Files.writeString(dir.resolve("intermediate.pem"),
                CaInitializer.toPem(List.of(chain.get(1))));
        OpenSsl.Result verify = OpenSsl.run(List.of("openssl", "verify", "-CAfile",
                h.dataDir.resolve("ca/root.pem").toString(), "-untrusted",
                intermediate.toString(), leaf.toString()));
        assertEquals(0, verify.exitCode(), verify.output());
        OpenSsl.Result text = OpenSsl.run(List.of("openssl", "x509", "-noout", "-text", "-in",
                leaf.toString()));
        assertTrue(text.output().contains("1.3.6.1.5.5.7.1.27:"), text.output());

        // RFC 9118 §8: a renewal with the same key carries exactly the same extension
        X509Certificate renewed = enroll(carrier, tokens, certKey).get(0);
        assertNotEquals(certificate.getSerialNumber(), renewed.getSerialNumber());
        assertArrayEquals(certificate.getExtensionValue(JwtClaimConstraintsCodec.ID_PE_27
                .getId()), renewed.getExtensionValue(JwtClaimConstraintsCodec.ID_PE_27.getId()));
        assertTrue(h.countAtLeast(2, "FROM audit_event WHERE type = 'claim-token.accepted'")
                >= 2);
        assertTrue(h.count("FROM audit_event WHERE type = 'pa.claim-token-issued'") >= 1);
    }

    @Test
    void setOfAnotherSubscriber_refusedAtTheTokenApiAndAtNewOrder() throws Exception {
        JsonObject otherSet = approve(otherSubscriber, recordSet(otherSubscriber, "Other Name"));
        String otherValue = otherSet.getJsonObject("identifier").getString("value");
        Carrier carrier = Carrier.register(h.directoryUrl());

        HttpResponse<String> token = PaApi.requestClaimToken(publicUrl, CARRIER_SPC, apiKey,
                otherValue, carrier.spkiFingerprint());
        assertEquals(403, token.statusCode(), token.body());
        assertTrue(token.body().contains("no approved RCD set of subscriber '"
                + carrierSubscriber + "'"), token.body());

        assertNewOrderRefused(carrier, otherValue, "no approved RCD set of subscriber '"
                + carrierSubscriber + "'");
    }

    @Test
    void pendingSet_refusedAtTheTokenApiAndAtNewOrder() throws Exception {
        String nam = "Pending Gadgets";
        JsonObject pending = recordSet(carrierSubscriber, nam);
        String wouldBe = approvalValue(nam, List.of("Delivery"));
        Carrier carrier = Carrier.register(h.directoryUrl());

        HttpResponse<String> token = PaApi.requestClaimToken(publicUrl, CARRIER_SPC, apiKey,
                wouldBe, carrier.spkiFingerprint());
        assertEquals(403, token.statusCode(), token.body());
        assertNewOrderRefused(carrier, wouldBe, "no approved RCD set");

        // the refused value was exactly the pending set's: approving it yields that identifier
        assertEquals(wouldBe, approve(carrierSubscriber, pending).getJsonObject("identifier")
                .getString("value"));
    }

    @Test
    void claimTokenFromAnStiPaAnchorOnly_invalidatesTheOrderAndIssuesNothing() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        Tokens tokens = tokens(carrier);
        // the test STI-PA is trusted for SPC tokens, but is no claim-token anchor (RCD.md §8)
        String untrusted = h.pa.mint(new TestStiPa.Claims(identifier, carrier.spkiFingerprint(),
                Instant.now().plus(Duration.ofHours(1)), java.util.UUID.randomUUID().toString(),
                false, JWT_CLAIM_CONSTRAINTS));
        long certificates = h.count("FROM certificate");
        Order order = newOrder(carrier, identifier);

        assertEquals(Status.VALID, answer(order, "TNAuthList", tokens.spc()).getStatus());
        TkAuthChallenge refused = answer(order, JWT_CLAIM_CONSTRAINTS, untrusted);

        assertEquals(Status.INVALID, refused.getStatus());
        Problem problem = refused.getError().orElseThrow();
        assertEquals(ACME + "unauthorized", problem.getType().toString(), problem.toString());
        assertTrue(problem.getDetail().orElse("").contains("claim-token"), problem.toString());
        order.fetch();
        assertEquals(Status.INVALID, order.getStatus());
        assertEquals(certificates, h.count("FROM certificate"));
        assertTrue(h.count("FROM audit_event WHERE type = 'claim-token.refused'") >= 1);
    }

    @Test
    void csrExtensionOneByteDifferent_isBadCsrAndIssuesNothing() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        Tokens tokens = tokens(carrier);
        Order order = readyOrder(carrier, tokens);
        byte[] changed = Base64.getUrlDecoder().decode(identifier);
        changed[changed.length - 3] ^= 0x01;
        long certificates = h.count("FROM certificate");

        AcmeServerException refused = assertThrows(AcmeServerException.class,
                () -> order.execute(csr(TestStiPa.ecKey(), changed)));

        assertEquals(ACME + "badCSR", refused.getProblem().getType().toString());
        assertTrue(refused.getProblem().getDetail().orElse("").contains(
                "differs from the order's identifier at byte " + (changed.length - 3)),
                refused.getMessage());
        assertEquals(certificates, h.count("FROM certificate"));
        order.fetch();
        assertEquals(Status.READY, order.getStatus(), "nothing changed");
    }

    @Test
    void claimTokenApi_badRequests_are400AndSignNothing() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        long issued = h.count("FROM audit_event WHERE type = 'pa.claim-token-issued'");
        long refusedBefore = h.count("FROM audit_event WHERE type = 'pa.claim-token-refused'");
        JsonObject good = new JsonObject().put("tktype", JWT_CLAIM_CONSTRAINTS)
                .put("tkvalue", identifier).put("ca", false)
                .put("fingerprint", carrier.spkiFingerprint());
        Map<String, JsonObject> bad = Map.of(
                "atc.ca must be false", good.copy().put("ca", true),
                "not a JWTClaimConstraints identifier value",
                good.copy().put("tkvalue", identifier + "="),
                "atc.tktype must be JWTClaimConstraints",
                good.copy().put("tktype", "TNAuthList"));
        for (Map.Entry<String, JsonObject> entry : bad.entrySet()) {
            HttpResponse<String> refused = PaApi.post(publicUrl + "/api/v1/account/"
                    + CARRIER_SPC + "/jcc-token", apiKey, new JsonObject().put("atc",
                    entry.getValue()));
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains(entry.getKey()), refused.body());
        }
        assertEquals(issued, h.count("FROM audit_event WHERE type = 'pa.claim-token-issued'"));
        // the body is checked before the credentials; refusals after them are audited
        HttpResponse<String> forbidden = PaApi.requestClaimToken(publicUrl, CARRIER_SPC, apiKey,
                approvalValue("Never Vetted", List.of()), carrier.spkiFingerprint());
        assertEquals(403, forbidden.statusCode(), forbidden.body());
        assertTrue(h.count("FROM audit_event WHERE type = 'pa.claim-token-refused'")
                > refusedBefore);
    }

    /** Both tokens for {@code carrier}'s account: an SPC token and a claim token from the PA. */
    private record Tokens(String spc, String claim) {
    }

    private static Tokens tokens(Carrier carrier) throws Exception {
        HttpResponse<String> spc = PaApi.requestToken(publicUrl, CARRIER_SPC, apiKey,
                PaApi.atc(Carrier.base64Padded(Carrier.spcDer(CARRIER_SPC)), false,
                        carrier.spkiFingerprint()));
        assertEquals(200, spc.statusCode(), spc.body());
        HttpResponse<String> claim = PaApi.requestClaimToken(publicUrl, CARRIER_SPC, apiKey,
                identifier, carrier.spkiFingerprint());
        assertEquals(200, claim.statusCode(), claim.body());
        return new Tokens(new JsonObject(spc.body()).getString("token"),
                new JsonObject(claim.body()).getString("token"));
    }

    /** The chain (leaf, intermediate) of a certificate for the approved set. */
    private static List<X509Certificate> enroll(Carrier carrier, Tokens tokens, KeyPair certKey)
            throws Exception {
        Order order = readyOrder(carrier, tokens);
        order.execute(csr(certKey, Base64.getUrlDecoder().decode(identifier)));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));
        return order.getCertificate().getCertificateChain();
    }

    private static Order readyOrder(Carrier carrier, Tokens tokens) throws Exception {
        Order order = newOrder(carrier, identifier);
        assertEquals(2, order.getAuthorizations().size());
        TkAuthChallenge spc = answer(order, "TNAuthList", tokens.spc());
        assertEquals(Status.VALID, spc.getStatus(), () -> "error: " + spc.getError());
        order.fetch();
        assertEquals(Status.PENDING, order.getStatus(), "one of two authorizations is valid");
        TkAuthChallenge claim = answer(order, JWT_CLAIM_CONSTRAINTS, tokens.claim());
        assertEquals(Status.VALID, claim.getStatus(), () -> "error: " + claim.getError());
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(15)));
        return order;
    }

    private static Order newOrder(Carrier carrier, String claimsValue) throws Exception {
        return carrier.account.newOrder()
                .identifier(new Identifier("TNAuthList",
                        Carrier.base64Url(Carrier.spcDer(CARRIER_SPC))))
                .identifier(new Identifier(JWT_CLAIM_CONSTRAINTS, claimsValue)).create();
    }

    private static void assertNewOrderRefused(Carrier carrier, String claimsValue,
                                              String detail) throws Exception {
        long orders = h.count("FROM acme_order");
        AcmeServerException refused = assertThrows(AcmeServerException.class,
                () -> newOrder(carrier, claimsValue));
        assertEquals(ACME + "rejectedIdentifier", refused.getProblem().getType().toString());
        assertTrue(refused.getProblem().getDetail().orElse("").contains(detail),
                refused.getMessage());
        assertEquals(orders, h.count("FROM acme_order"), "nothing created");
    }

    /** Answers the tkauth-01 challenge of the order's {@code type} authorization. */
    private static TkAuthChallenge answer(Order order, String type, String token)
            throws Exception {
        for (Authorization authz : order.getAuthorizations()) {
            if (type.equals(authz.getIdentifier().getType())) {
                TkAuthChallenge challenge = authz.findChallenge(TkAuthChallenge.class)
                        .orElseThrow();
                challenge.withToken("atc", token).trigger();
                Status status = challenge.waitForCompletion(Duration.ofSeconds(15));
                assertTrue(status == Status.VALID || status == Status.INVALID, status::name);
                return challenge;
            }
        }
        throw new AssertionError("no " + type + " authorization");
    }

    /** A CSR for the carrier's SPC asking for the TNAuthList and id-pe 27 = {@code claims}. */
    private static byte[] csr(KeyPair key, byte[] claims) throws Exception {
        Extensions extensions = new Extensions(new Extension[] {
            new Extension(TnAuthCsr.TN_AUTH_LIST, false,
                    new DEROctetString(Carrier.spcDer(CARRIER_SPC))),
            new Extension(JwtClaimConstraintsCodec.ID_PE_27, false, new DEROctetString(claims))
        });
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=RCD delegate"),
                key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                .getEncoded();
    }

    /**
     * The identifier approval gives a set of {@code nam} and call reasons {@code crn}:
     * mustInclude rcd, rcdi; rcdi pinning "/nam" (the JSON string with its quotes, RFC 9795
     * §6.1); the call reasons permitted.
     */
    private static String approvalValue(String nam, List<String> crn) {
        Rcdi rcdi = new Rcdi(new TreeMap<>(Map.of("/nam", RcdiAlgorithm.SHA256.digest(
                ("\"" + nam + "\"").getBytes(StandardCharsets.UTF_8)))));
        return JwtClaimConstraintsCodec.toIdentifierValue(JwtClaimConstraintsCodec.encode(
                RcdConstraintsBuilder.of(Rcd.ofName(nam), rcdi).callReasons(crn).build()));
    }

    private static byte[] extension(X509Certificate certificate) {
        return ASN1OctetString.getInstance(certificate.getExtensionValue(
                JwtClaimConstraintsCodec.ID_PE_27.getId())).getOctets();
    }

    private static String adminKey(String name) throws Exception {
        HttpResponse<String> created = PaApi.admin(h, "POST", "/admin/v1/api-keys",
                new JsonObject().put("name", name).put("role", "operator").encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("secret");
    }

    private static String subscriber(String legalName, String spc) throws Exception {
        HttpResponse<String> created = PaApi.admin(h, recorder, "POST", "/admin/v1/subscribers",
                new JsonObject().put("legalName", legalName).put("country", "US")
                        .put("spcs", new JsonArray().add(spc)).encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("id");
    }

    /** An RCD set recorded by the first operator (pending). */
    private static JsonObject recordSet(String subscriber, String nam) throws Exception {
        HttpResponse<String> created = PaApi.admin(h, recorder, "POST", "/admin/v1/subscribers/"
                + subscriber + "/rcd-sets", new JsonObject().put("nam", nam)
                .put("crn", new JsonArray().add("Delivery")).encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body());
    }

    /** The set approved by the second operator (dual control). */
    private static JsonObject approve(String subscriber, JsonObject set) throws Exception {
        HttpResponse<String> approved = PaApi.admin(h, approver, "POST", "/admin/v1/subscribers/"
                + subscriber + "/rcd-sets/" + set.getString("id") + "/approve", null);
        assertEquals(200, approved.statusCode(), approved.body());
        return new JsonObject(approved.body());
    }
}
