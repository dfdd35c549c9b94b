package org.stica.policy.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;

/**
 * JWTClaimConstraints authority tokens (draft-ietf-acme-authority-token-jwtclaimcon; RCD.md §6,
 * §8 items 4-5): the SPC token checks of RFC 9448 §6 with {@code atc.tktype}
 * "JWTClaimConstraints", {@code tkvalue} the canonical identifier value, {@code ca} false, and
 * the signer chained to a claim-token trust anchor, never to an STI-PA root merely because it
 * is one.
 */
class ClaimTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofSeconds(60);
    /** RCD.md §7: the worked example's identifier value (mustInclude rcd, rcdi; rcdi pinned). */
    private static final String IDENTIFIER = "MIGboA0wCxYDcmNkFgRyY2RpoYGJMIGGMIGDFgRyY2RpMHsMeXsi"
            + "L2ljbiI6InNoYTI1Ni1Sb2pnV3dVNnhVdEk0cTgyK2tIUHlIbTFKS2JtNys2NjNiTXZ6eW1oa2w0Iiwi"
            + "L25hbSI6InNoYTI1Ni1zTTI3NWxUZ3pDdGUrTEhPS0h0VTRTeEc4c2hsT282T1M0b3Q4SUpRSW1ZIn0";
    private static final byte[] IDENTIFIER_DER = Base64.getUrlDecoder().decode(IDENTIFIER);

    private static KeyPair claimRootKeys;
    private static X509Certificate claimRoot;
    private static KeyPair signerKeys;
    private static X509Certificate signer;
    private static KeyPair accountKeys;

    private final SpcTokenParser parser = new SpcTokenParser();
    private final SpcTokenVerifier verifier =
            SpcTokenVerifier.forClaimTokens(List.of(claimRoot), CLOCK, SKEW);

    @BeforeAll
    static void pki() {
        claimRootKeys = TestPki.p256();
        claimRoot = TestPki.root("C=US, O=Claim Agent, CN=Test Claim Token Root", claimRootKeys,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
        signerKeys = TestPki.p256();
        signer = TestPki.leaf("C=US, O=Claim Agent, CN=Test Claim Token Signer", signerKeys,
                claimRoot, claimRootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)));
        accountKeys = TestPki.p256();
    }

    @Test
    void verify_validClaimToken_passesWithItsJtiAndExp() {
        TokenVerdict verdict = verify(claims());
        assertEquals("519175cb-6998-4074-9aea-0da5175a1622", verdict.jti());
        assertEquals(NOW.plusSeconds(3600), verdict.expires());
        assertEquals(false, verdict.ca());
        assertSame(signer, verdict.signer());
        assertEquals(TokenType.JWT_CLAIM_CONSTRAINTS, verifier.type());
    }

    @Test
    void verify_tktypeTnAuthList_refusedWrongTktype() {
        // an SPC token never authorizes a JWTClaimConstraints identifier (RCD.md §8 item 4)
        Map<String, Object> claims = claims();
        atc(claims).put("tktype", "TNAuthList");
        assertRefused(sign(claims), List.of(signer), Violation.TOKEN_WRONG_TKTYPE,
                "JWTClaimConstraints");
    }

    @Test
    void verify_tkvalueOfOtherConstraints_refusedTkvalueMismatch() {
        Map<String, Object> claims = claims();
        byte[] other = IDENTIFIER_DER.clone();
        other[other.length - 3] ^= 0x01;
        atc(claims).put("tkvalue", JwtClaimConstraintsCodec.toIdentifierValue(other));
        assertRefused(sign(claims), List.of(signer), Violation.TOKEN_TKVALUE_MISMATCH,
                "does not equal");
    }

    @Test
    void verify_tkvaluePaddedOrStandardBase64_refusedTkvalueMismatch() {
        // only the canonical form the order holds: unpadded base64url (RCD.md §6)
        String standard = Base64.getEncoder().encodeToString(IDENTIFIER_DER);
        for (String form : List.of(IDENTIFIER + "=", standard, IDENTIFIER + " ")) {
            Map<String, Object> claims = claims();
            atc(claims).put("tkvalue", form);
            assertRefused(sign(claims), List.of(signer), Violation.TOKEN_TKVALUE_MISMATCH,
                    "canonical identifier value");
        }
    }

    @Test
    void verify_caTrue_refusedCaFlagMismatch() {
        // JWTClaimConstraints are end-entity only (RFC 8226 §8; RFC 9118 §3; RCD.md §8 item 5)
        Map<String, Object> claims = claims();
        atc(claims).put("ca", true);
        assertRefused(sign(claims), List.of(signer), Violation.TOKEN_CA_FLAG_MISMATCH,
                "atc.ca is true");
    }

    @Test
    void verify_fingerprintOfAnotherKey_refusedFingerprintMismatch() {
        Map<String, Object> claims = claims();
        atc(claims).put("fingerprint", AccountKeyFingerprints.spkiForm(
                TestPki.p256().getPublic()));
        assertRefused(sign(claims), List.of(signer), Violation.TOKEN_FINGERPRINT_MISMATCH,
                "does not match");
    }

    @Test
    void verify_expired_refusedExpired() {
        Map<String, Object> claims = claims();
        claims.put("exp", NOW.minusSeconds(61).getEpochSecond());
        assertRefused(sign(claims), List.of(signer), Violation.TOKEN_EXPIRED, "expired");
    }

    @Test
    void verify_signerUnderAnStiPaRootOnly_refusedSignerUntrusted() {
        // the STI-PA's roots are not claim-token anchors unless configured as such (RCD.md §8)
        KeyPair paRootKeys = TestPki.p256();
        X509Certificate paRoot = TestPki.root("C=US, O=STI-PA, CN=Test STI-PA Root", paRootKeys,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
        KeyPair paSignerKeys = TestPki.p256();
        X509Certificate paSigner = TestPki.leaf("C=US, O=STI-PA, CN=Test SPC Token Signer",
                paSignerKeys, paRoot, paRootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)));
        String token = SpcTokens.mint(claims(), paSignerKeys.getPrivate());
        assertRefused(token, List.of(paSigner, paRoot), Violation.TOKEN_SIGNER_UNTRUSTED,
                "does not chain to a trusted claim-token root");
        // the same token passes a verifier whose claim-token anchors name that root
        SpcTokenVerifier trusting = SpcTokenVerifier.forClaimTokens(List.of(paRoot), CLOCK,
                SKEW);
        assertSame(paSigner, trusting.verify(parser.parse(token), List.of(paSigner),
                expectations()).signer());
    }

    @Test
    void verify_noClaimTokenAnchorsConfigured_refusedSignerUntrusted() {
        SpcTokenVerifier unconfigured = SpcTokenVerifier.forClaimTokens(List.of(), CLOCK, SKEW);
        PolicyException e = assertThrows(PolicyException.class, () -> unconfigured.verify(
                parser.parse(sign(claims())), List.of(signer), expectations()));
        assertEquals(Violation.TOKEN_SIGNER_UNTRUSTED, e.violation());
        assertTrue(e.detail().contains("no claim-token trust anchors"), e.detail());
    }

    @Test
    void verify_spcTokenVerifier_refusesAClaimToken() {
        // and the other way round: an SPC verifier wants tktype TNAuthList
        SpcTokenVerifier spc = new SpcTokenVerifier(
                () -> new PaTrustAnchors(List.of(claimRoot)), CLOCK, SKEW);
        PolicyException e = assertThrows(PolicyException.class, () -> spc.verify(
                parser.parse(sign(claims())), List.of(signer), expectations()));
        assertEquals(Violation.TOKEN_WRONG_TKTYPE, e.violation(), e.detail());
    }

    private TokenVerdict verify(Map<String, Object> claims) {
        return verifier.verify(parser.parse(sign(claims)), List.of(signer), expectations());
    }

    private void assertRefused(String token, List<X509Certificate> chain, Violation violation,
                               String detailPart) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> verifier.verify(parser.parse(token), chain, expectations()));
        assertEquals(violation, e.violation(), e.detail());
        assertTrue(e.detail().contains(detailPart), e.detail());
    }

    private static TokenExpectations expectations() {
        return new TokenExpectations(IDENTIFIER_DER, accountKeys.getPublic(), false);
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = SpcTokens.claims(NOW.plusSeconds(3600).getEpochSecond(),
                IDENTIFIER, AccountKeyFingerprints.spkiForm(accountKeys.getPublic()), false);
        atc(claims).put("tktype", "JWTClaimConstraints");
        return claims;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> atc(Map<String, Object> claims) {
        return (Map<String, Object>) claims.get("atc");
    }

    private static String sign(Map<String, Object> claims) {
        return SpcTokens.mint(claims, signerKeys.getPrivate());
    }
}
