package org.stica.policy.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.TestPki;
import org.stica.policy.Violation;
import org.stica.policy.trust.PaCrls;
import org.stica.policy.trust.TrustSnapshot;

/** Fail-closed token verification (RFC 9448 §6 steps 2-9; STANDARDS.md §3.5 steps 4-10). */
class SpcTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final byte[] SPC_1234 = HexFormat.of().parseHex("3008a006160431323334");
    private static final String TKVALUE_URL = "MAigBhYEMTIzNA";

    private static KeyPair paRootKeys;
    private static X509Certificate paRoot;
    private static KeyPair signerKeys;
    private static X509Certificate signer;
    private static KeyPair accountKeys;

    private final SpcTokenParser parser = new SpcTokenParser();
    private final SpcTokenVerifier verifier =
            new SpcTokenVerifier(() -> new PaTrustAnchors(List.of(paRoot)), CLOCK, SKEW);

    @BeforeAll
    static void pki() {
        paRootKeys = TestPki.p256();
        paRoot = TestPki.root("C=US, O=STI-PA, CN=Test STI-PA Root", paRootKeys,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
        signerKeys = TestPki.p256();
        signer = TestPki.leaf("C=US, O=STI-PA, CN=Test SPC Token Signer", signerKeys, paRoot,
                paRootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)));
        accountKeys = TestPki.p256();
    }

    @Test
    void verify_jwkThumbprintFingerprint_passesWithThatForm() {
        String fp = AccountKeyFingerprints.jwkThumbprintForm(accountKeys.getPublic());
        TokenVerdict verdict = verify(claims(fp));
        assertEquals(FingerprintForm.JWK_THUMBPRINT, verdict.fingerprintForm());
        assertEquals("519175cb-6998-4074-9aea-0da5175a1622", verdict.jti());
        assertEquals(NOW.plusSeconds(3600), verdict.expires());
        assertEquals(false, verdict.ca());
        assertSame(signer, verdict.signer());
    }

    @Test
    void verify_spkiFingerprint_passesWithThatForm() {
        // STANDARDS.md §0 trap 3: accept the SPKI digest clients actually send.
        String fp = AccountKeyFingerprints.spkiForm(accountKeys.getPublic());
        assertEquals(FingerprintForm.SPKI, verify(claims(fp)).fingerprintForm());
    }

    @Test
    void verify_lowercaseHexFingerprint_passes() {
        // STANDARDS.md §3.5 step 9: compare hex case-insensitively.
        String fp = AccountKeyFingerprints.spkiForm(accountKeys.getPublic());
        String lower = "SHA256 " + fp.substring(7).toLowerCase();
        assertEquals(FingerprintForm.SPKI, verify(claims(lower)).fingerprintForm());
    }

    @Test
    void verify_tkvalueSameSpcInPaddedStdBase64_passes() {
        // STANDARDS.md §0 trap 2: iconectiv writes padded std base64; compare DER, not text.
        Map<String, Object> claims = claims(jwkFp());
        atc(claims).put("tkvalue", "MAigBhYEMTIzNA==");
        assertEquals(FingerprintForm.JWK_THUMBPRINT, verify(claims).fingerprintForm());
    }

    @Test
    void verify_signerThroughIntermediate_passes() {
        SignerChain chain = signerChain(Duration.ofDays(1000), Duration.ofDays(100));
        X509Certificate leaf = chain.leaf();
        X509Certificate intermediate = chain.intermediate();
        String token = SpcTokens.mint(claims(jwkFp()), chain.leafKeys().getPrivate());
        TokenVerdict verdict = verifier.verify(parser.parse(token),
                List.of(leaf, intermediate, paRoot), expectations(false));
        assertSame(leaf, verdict.signer());
        // Without the intermediate the signer cannot chain to the root.
        assertRefused(token, List.of(leaf), expectations(false),
                Violation.TOKEN_SIGNER_UNTRUSTED, "chain");
    }

    @Test
    void verify_chainValidatedBefore_refusedOnceExpired() {
        // a chain that passed PKIX is remembered, but only while all its certificates are valid
        SignerChain signers = signerChain(Duration.ofDays(1), Duration.ofDays(1));
        Map<String, Object> claims = SpcTokens.claims(NOW.plus(Duration.ofDays(3))
                .getEpochSecond(), TKVALUE_URL, jwkFp(), false);
        SpcToken token = parser.parse(SpcTokens.mint(claims, signers.leafKeys().getPrivate()));
        List<X509Certificate> chain = List.of(signers.leaf(), signers.intermediate());
        assertSame(signers.leaf(), verifier.verify(token, chain, expectations(false)).signer());
        SpcTokenVerifier later = new SpcTokenVerifier(() -> new PaTrustAnchors(List.of(paRoot)),
                Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC), SKEW);
        PolicyException e = assertThrows(PolicyException.class,
                () -> later.verify(token, chain, expectations(false)));
        assertEquals(Violation.TOKEN_SIGNER_UNTRUSTED, e.violation(), e.detail());
        assertTrue(e.detail().contains("expired"), e.detail());
    }

    @Test
    void verify_chainValidatedBefore_refusedAgainstOtherRoots() {
        assertEquals(FingerprintForm.JWK_THUMBPRINT, verify(claims(jwkFp())).fingerprintForm());
        KeyPair otherRootKeys = TestPki.p256();
        X509Certificate otherRoot = TestPki.root("C=US, O=STI-PA, CN=Other Root", otherRootKeys,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
        SpcTokenVerifier other =
                new SpcTokenVerifier(() -> new PaTrustAnchors(List.of(otherRoot)), CLOCK, SKEW);
        SpcToken token = parser.parse(sign(claims(jwkFp())));
        PolicyException e = assertThrows(PolicyException.class,
                () -> other.verify(token, List.of(signer), expectations(false)));
        assertEquals(Violation.TOKEN_SIGNER_UNTRUSTED, e.violation(), e.detail());
    }

    @Test
    void verify_signerFromUntrustedRoot_refusedSignerUntrusted() {
        // RFC 9448 §6 step 2: the signer must chain to a trusted STI-PA root.
        KeyPair evilRootKeys = TestPki.p256();
        X509Certificate evilRoot = TestPki.root("C=US, O=STI-PA, CN=Test STI-PA Root",
                evilRootKeys, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)));
        KeyPair evilKeys = TestPki.p256();
        X509Certificate evilSigner = TestPki.leaf("C=US, O=STI-PA, CN=Test SPC Token Signer",
                evilKeys, evilRoot, evilRootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)));
        String token = SpcTokens.mint(claims(jwkFp()), evilKeys.getPrivate());
        assertRefused(token, List.of(evilSigner, evilRoot), expectations(false),
                Violation.TOKEN_SIGNER_UNTRUSTED, "");
    }

    @Test
    void verify_noTrustAnchorsConfigured_refusedSignerUntrusted() {
        // ARCHITECTURE.md rule 7: fail closed when no STI-PA roots are configured.
        SpcTokenVerifier unconfigured =
                new SpcTokenVerifier(() -> new PaTrustAnchors(List.of()), CLOCK, SKEW);
        SpcToken token = parser.parse(SpcTokens.mint(claims(jwkFp()), signerKeys.getPrivate()));
        PolicyException e = assertThrows(PolicyException.class,
                () -> unconfigured.verify(token, List.of(signer), expectations(false)));
        assertEquals(Violation.TOKEN_SIGNER_UNTRUSTED, e.violation());
        assertTrue(e.detail().contains("no STI-PA trust anchors"), e.detail());
    }

    @Test
    void verify_emptyX5uChain_refusedSignerUntrusted() {
        String token = SpcTokens.mint(claims(jwkFp()), signerKeys.getPrivate());
        assertRefused(token, List.of(), expectations(false), Violation.TOKEN_SIGNER_UNTRUSTED,
                "no certificate");
    }

    @Test
    void verify_expiredSignerCertificate_refusedSignerUntrusted() {
        // STANDARDS.md §3.5 step 4: check the signer's validity period.
        KeyPair oldKeys = TestPki.p256();
        X509Certificate old = TestPki.leaf("C=US, O=STI-PA, CN=Old Signer", oldKeys, paRoot,
                paRootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.minus(Duration.ofHours(1)));
        String token = SpcTokens.mint(claims(jwkFp()), oldKeys.getPrivate());
        assertRefused(token, List.of(old), expectations(false), Violation.TOKEN_SIGNER_UNTRUSTED,
                "expired");
    }

    @Test
    void verify_signedByAnotherKey_refusedSignatureInvalid() {
        // RFC 9448 §6 step 4: the signature must verify with the x5u signer's key.
        String token = SpcTokens.mint(claims(jwkFp()), TestPki.p256().getPrivate());
        assertRefused(token, List.of(signer), expectations(false),
                Violation.TOKEN_SIGNATURE_INVALID, "does not verify");
    }

    @Test
    void verify_payloadTamperedAfterSigning_refusedSignatureInvalid() {
        String token = SpcTokens.mint(claims(jwkFp()), signerKeys.getPrivate());
        Map<String, Object> changed = claims(jwkFp());
        changed.put("exp", NOW.plusSeconds(999999).getEpochSecond());
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + SpcTokens.b64(SpcTokens.json(changed)) + "."
                + parts[2];
        assertRefused(tampered, List.of(signer), expectations(false),
                Violation.TOKEN_SIGNATURE_INVALID, "");
    }

    @Test
    void verify_expiredToken_refusedExpired() {
        // RFC 9448 §6 step 7 / RFC 7519 §4.1.4: exp must be after now (minus skew).
        Map<String, Object> claims = claims(jwkFp());
        claims.put("exp", NOW.minusSeconds(61).getEpochSecond());
        assertRefused(sign(claims), List.of(signer), expectations(false),
                Violation.TOKEN_EXPIRED, "expired");
    }

    @Test
    void verify_expiredWithinSkew_passes() {
        Map<String, Object> claims = claims(jwkFp());
        claims.put("exp", NOW.minusSeconds(30).getEpochSecond());
        verifier.verify(parser.parse(sign(claims)), List.of(signer), expectations(false));
    }

    @Test
    void verify_nbfInTheFuture_refusedNotYetValid() {
        // RFC 7519 §4.1.5: not before nbf (plus skew).
        Map<String, Object> claims = claims(jwkFp());
        claims.put("nbf", NOW.plusSeconds(120).getEpochSecond());
        assertRefused(sign(claims), List.of(signer), expectations(false),
                Violation.TOKEN_NOT_YET_VALID, "not valid before");
    }

    @Test
    void verify_tktypeOtherCasing_refusedWrongTktype() {
        // RFC 9448 §5.4 / §6 step 5: tktype is exactly "TNAuthList" (STANDARDS.md §7.3).
        Map<String, Object> claims = claims(jwkFp());
        atc(claims).put("tktype", "TnAuthList");
        assertRefused(sign(claims), List.of(signer), expectations(false),
                Violation.TOKEN_WRONG_TKTYPE, "TNAuthList");
    }

    @Test
    void verify_tkvalueOfAnotherSpc_refusedTkvalueMismatch() {
        // RFC 9448 §6 step 6: tkvalue must equal the identifier (DER byte equality).
        Map<String, Object> claims = claims(jwkFp());
        atc(claims).put("tkvalue", "MAigBhYEMjgxSw==");
        assertRefused(sign(claims), List.of(signer), expectations(false),
                Violation.TOKEN_TKVALUE_MISMATCH, "does not equal");
    }

    @Test
    void verify_tkvalueNotATnAuthList_refusedTkvalueMismatch() {
        Map<String, Object> claims = claims(jwkFp());
        atc(claims).put("tkvalue", "MAigBhYE MTIzNA");
        assertRefused(sign(claims), List.of(signer), expectations(false),
                Violation.TOKEN_TKVALUE_MISMATCH, "not a base64 DER TNAuthList");
    }

    @Test
    void verify_fingerprintOfAnotherKey_refusedFingerprintMismatch() {
        // RFC 9448 §6 step 8: the fingerprint binds the token to the requesting account key.
        PublicKey other = TestPki.p256().getPublic();
        Map<String, Object> claims = claims(AccountKeyFingerprints.jwkThumbprintForm(other));
        assertRefused(sign(claims), List.of(signer), expectations(false),
                Violation.TOKEN_FINGERPRINT_MISMATCH, "does not match");
        Map<String, Object> spki = claims(AccountKeyFingerprints.spkiForm(other));
        assertRefused(sign(spki), List.of(signer), expectations(false),
                Violation.TOKEN_FINGERPRINT_MISMATCH, "does not match");
    }

    @Test
    void verify_sha384Fingerprint_refusedFingerprintAlgUnsupported() {
        // RFC 9448 §5.4 defines only SHA256 (STANDARDS.md §3.5 step 9: other hashes refused).
        String sha384 = "SHA384 " + "AB:".repeat(47) + "AB";
        assertRefused(sign(claims(sha384)), List.of(signer), expectations(false),
                Violation.TOKEN_FINGERPRINT_ALG_UNSUPPORTED, "SHA256");
    }

    @Test
    void verify_fingerprintWithoutHashName_refusedFingerprintMalformed() {
        // STANDARDS.md §3.5 step 9 syntax: ^SHA256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$.
        String bare = AccountKeyFingerprints.jwkThumbprintForm(accountKeys.getPublic())
                .substring(7);
        assertRefused(sign(claims(bare)), List.of(signer), expectations(false),
                Violation.TOKEN_FINGERPRINT_MALFORMED, "");
        String shortHex = "SHA256 " + "AB:".repeat(30) + "AB";
        assertRefused(sign(claims(shortHex)), List.of(signer), expectations(false),
                Violation.TOKEN_FINGERPRINT_MALFORMED, "32");
    }

    @Test
    void verify_caTrueOnEndEntityOrder_refusedCaFlagMismatch() {
        // RFC 9448 §6 step 9: atc.ca must match the kind of certificate ordered.
        Map<String, Object> claims = claims(jwkFp());
        atc(claims).put("ca", true);
        assertRefused(sign(claims), List.of(signer), expectations(false),
                Violation.TOKEN_CA_FLAG_MISMATCH, "atc.ca is true");
    }

    @Test
    void verify_caAbsentOnCaOrder_refusedCaFlagMismatch() {
        // Missing ca means false (RFC 9448 §6 step 9), so an SCA order refuses it.
        Map<String, Object> claims = claims(jwkFp());
        atc(claims).remove("ca");
        assertRefused(sign(claims), List.of(signer), expectations(true),
                Violation.TOKEN_CA_FLAG_MISMATCH, "atc.ca is false");
    }

    @Test
    void parse_hs256Token_neverReachesVerifier() {
        // RFC 8725 via RFC 9447 §7: HS256 (and none) are refused at the parser.
        String header = "{\"alg\":\"HS256\",\"x5u\":\"https://pa.test/a.crt\"}";
        String token = SpcTokens.raw(header, SpcTokens.json(claims(jwkFp())),
                SpcTokens.fakeSignature());
        PolicyException e = assertThrows(PolicyException.class, () -> parser.parse(token));
        assertEquals(Violation.TOKEN_ALG_NOT_ALLOWED, e.violation());
        String none = SpcTokens.raw("{\"alg\":\"none\",\"x5u\":\"https://pa.test/a.crt\"}",
                SpcTokens.json(claims(jwkFp())), "");
        PolicyException e2 = assertThrows(PolicyException.class, () -> parser.parse(none));
        assertEquals(Violation.TOKEN_ALG_NOT_ALLOWED, e2.violation());
    }

    @Test
    void verify_tokenVerifiedBefore_refusedWhenPresentedWithAnotherSignerKey() {
        // A token is not verified again when presented again (RFC 9447 §3.3 reuse), but only
        // for the same bytes and the same signer: another x5u certificate, trusted but holding
        // another key, gets a signature check of its own, and it fails.
        String token = sign(claims(jwkFp()));
        verifier.verify(parser.parse(token), List.of(signer), expectations(false));
        KeyPair otherKeys = TestPki.p256();
        X509Certificate other = TestPki.leaf("C=US, O=STI-PA, CN=Other Token Signer", otherKeys,
                paRoot, paRootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)));
        assertRefused(token, List.of(other), expectations(false),
                Violation.TOKEN_SIGNATURE_INVALID, "does not verify");
        verifier.verify(parser.parse(token), List.of(signer), expectations(false));
    }

    @Test
    void verify_tokenVerifiedBefore_refusedWithAnotherSignatureOverTheSameInput() {
        String token = sign(claims(jwkFp()));
        verifier.verify(parser.parse(token), List.of(signer), expectations(false));
        String signingInput = token.substring(0, token.lastIndexOf('.'));
        String forged = SpcTokens.mint(claims(jwkFp()), TestPki.p256().getPrivate());
        String swapped = signingInput + forged.substring(forged.lastIndexOf('.'));
        assertRefused(swapped, List.of(signer), expectations(false),
                Violation.TOKEN_SIGNATURE_INVALID, "does not verify");
    }

    @Test
    void verify_tokenVerifiedBefore_everyOtherCheckStillRuns() {
        // The remembered signature spares only the ECDSA computation: the signer's revocation,
        // the token's expiry and the account binding are checked on every presentation.
        String token = sign(claims(jwkFp()));
        verifier.verify(parser.parse(token), List.of(signer), expectations(false));
        X509CRL crl = PaCrls.crl(paRoot, paRootKeys.getPrivate(), 2, NOW.minusSeconds(60),
                NOW.plusSeconds(3600), List.of(signer));
        SpcTokenVerifier revoked = SpcTokenVerifier.withSnapshot(() -> new TrustSnapshot(
                List.of(paRoot), Optional.of(crl), Optional.of(NOW.minusSeconds(10)),
                Optional.of(Duration.ofHours(1))), CLOCK, SKEW);
        PolicyException e = assertThrows(PolicyException.class,
                () -> revoked.verify(parser.parse(token), List.of(signer), expectations(false)));
        assertEquals(Violation.TOKEN_SIGNER_REVOKED, e.violation());
        SpcTokenVerifier later = new SpcTokenVerifier(() -> new PaTrustAnchors(List.of(paRoot)),
                Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC), SKEW);
        e = assertThrows(PolicyException.class,
                () -> later.verify(parser.parse(token), List.of(signer), expectations(false)));
        assertEquals(Violation.TOKEN_EXPIRED, e.violation());
        TokenExpectations otherAccount =
                new TokenExpectations(SPC_1234, TestPki.p256().getPublic(), false);
        assertRefused(token, List.of(signer), otherAccount,
                Violation.TOKEN_FINGERPRINT_MISMATCH, "");
    }

    @Test
    void verify_signerOnStiPaCrl_refusedSignerRevoked() {
        // STANDARDS.md §3.5 step 4: the signer must not be revoked (STI-PA CRL, §4.2).
        X509CRL crl = PaCrls.crl(paRoot, paRootKeys.getPrivate(), 2, NOW.minusSeconds(60),
                NOW.plusSeconds(3600), List.of(signer));
        SpcTokenVerifier withCrl = SpcTokenVerifier.withSnapshot(() -> new TrustSnapshot(
                List.of(paRoot), Optional.of(crl), Optional.of(NOW.minusSeconds(10)),
                Optional.of(Duration.ofHours(1))), CLOCK, SKEW);
        SpcToken token = parser.parse(sign(claims(jwkFp())));
        PolicyException e = assertThrows(PolicyException.class,
                () -> withCrl.verify(token, List.of(signer), expectations(false)));
        assertEquals(Violation.TOKEN_SIGNER_REVOKED, e.violation());
        assertTrue(e.detail().contains("STI-PA CRL"), e.detail());
    }

    @Test
    void verify_signerNotOnFreshCrl_passes() {
        X509CRL crl = PaCrls.crl(paRoot, paRootKeys.getPrivate(), 2, NOW.minusSeconds(60),
                NOW.plusSeconds(3600), List.of());
        SpcTokenVerifier withCrl = SpcTokenVerifier.withSnapshot(() -> new TrustSnapshot(
                List.of(paRoot), Optional.of(crl), Optional.of(NOW.minusSeconds(10)),
                Optional.of(Duration.ofHours(1))), CLOCK, SKEW);
        TokenVerdict verdict = withCrl.verify(parser.parse(sign(claims(jwkFp()))),
                List.of(signer), expectations(false));
        assertSame(signer, verdict.signer());
    }

    @Test
    void verify_crlRefreshedLongerAgoThanMaxAge_refusedTrustSnapshotStale() {
        // ARCHITECTURE.md rule 7 / STANDARDS.md §4.2 item 6: a stale trust snapshot fails closed.
        X509CRL crl = PaCrls.crl(paRoot, paRootKeys.getPrivate(), 2, NOW.minusSeconds(7200),
                NOW.plusSeconds(86400), List.of());
        assertStale(new TrustSnapshot(List.of(paRoot), Optional.of(crl),
                Optional.of(NOW.minusSeconds(7200)), Optional.of(Duration.ofHours(1))),
                "longer ago");
    }

    @Test
    void verify_crlPastNextUpdate_refusedTrustSnapshotStale() {
        // RFC 5280 §5.1.2.5: a CRL past nextUpdate is not current (stale CRL).
        X509CRL crl = PaCrls.crl(paRoot, paRootKeys.getPrivate(), 2, NOW.minusSeconds(7200),
                NOW.minusSeconds(60), List.of());
        assertStale(new TrustSnapshot(List.of(paRoot), Optional.of(crl),
                Optional.of(NOW.minusSeconds(10)), Optional.of(Duration.ofHours(1))),
                "nextUpdate");
    }

    @Test
    void verify_crlRequiredButNeverLoaded_refusedTrustSnapshotStale() {
        assertStale(new TrustSnapshot(List.of(paRoot), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofHours(1))), "no STI-PA CRL");
    }

    @Test
    void verify_signerNotYetValid_refusedSignerUntrusted() {
        // STANDARDS.md §3.5 step 4: check the signer's validity period (notBefore).
        KeyPair futureKeys = TestPki.p256();
        X509Certificate future = TestPki.leaf("C=US, O=STI-PA, CN=Future Signer", futureKeys,
                paRoot, paRootKeys.getPrivate(), NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
        String token = SpcTokens.mint(claims(jwkFp()), futureKeys.getPrivate());
        assertRefused(token, List.of(future), expectations(false),
                Violation.TOKEN_SIGNER_UNTRUSTED, "not yet valid");
    }

    @Test
    void verify_tkvalueSameSpcWithImplicitTag_refusedTkvalueMismatch() {
        // STANDARDS.md §0 trap 4 / §3.5 step 7: the same SPC encoded with an IMPLICIT [0]
        // (30 06 80 04 "1234") is not the identifier's DER: compare bytes, never strings.
        Map<String, Object> claims = claims(jwkFp());
        atc(claims).put("tkvalue", "MAaABDEyMzQ=");
        assertRefused(sign(claims), List.of(signer), expectations(false),
                Violation.TOKEN_TKVALUE_MISMATCH, "");
    }

    @Test
    void verify_tkvalueBerLongFormLength_refusedTkvalueMismatch() {
        // RFC 9448 §6 step 6: tkvalue is DER; a BER long-form length of the same SPC is refused.
        Map<String, Object> claims = claims(jwkFp());
        atc(claims).put("tkvalue", java.util.Base64.getEncoder().encodeToString(
                HexFormat.of().parseHex("308108a006160431323334")));
        assertRefused(sign(claims), List.of(signer), expectations(false),
                Violation.TOKEN_TKVALUE_MISMATCH, "");
    }

    private void assertStale(TrustSnapshot snapshot, String fragment) {
        SpcTokenVerifier stale = SpcTokenVerifier.withSnapshot(() -> snapshot, CLOCK, SKEW);
        SpcToken token = parser.parse(sign(claims(jwkFp())));
        PolicyException e = assertThrows(PolicyException.class,
                () -> stale.verify(token, List.of(signer), expectations(false)));
        assertEquals(Violation.TRUST_SNAPSHOT_STALE, e.violation());
        assertTrue(e.detail().contains(fragment), e.detail());
    }

    private record SignerChain(KeyPair leafKeys, X509Certificate leaf,
                               X509Certificate intermediate) {
    }

    /** A token signer under an intermediate under the PA root, valid from a day ago. */
    private static SignerChain signerChain(Duration intermediateLeft, Duration leafLeft) {
        KeyPair intermediateKeys = TestPki.p256();
        X509Certificate intermediate = TestPki.intermediate("C=US, O=STI-PA, CN=PA Issuing CA",
                intermediateKeys, paRoot, paRootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(intermediateLeft));
        KeyPair leafKeys = TestPki.p256();
        X509Certificate leaf = TestPki.leaf("C=US, O=STI-PA, CN=Signer 2", leafKeys,
                intermediate, intermediateKeys.getPrivate(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(leafLeft));
        return new SignerChain(leafKeys, leaf, intermediate);
    }

    private TokenVerdict verify(Map<String, Object> claims) {
        return verifier.verify(parser.parse(sign(claims)), List.of(signer), expectations(false));
    }

    private static String sign(Map<String, Object> claims) {
        return SpcTokens.mint(claims, signerKeys.getPrivate());
    }

    private static String jwkFp() {
        return AccountKeyFingerprints.jwkThumbprintForm(accountKeys.getPublic());
    }

    private static Map<String, Object> claims(String fingerprint) {
        return SpcTokens.claims(NOW.plusSeconds(3600).getEpochSecond(), TKVALUE_URL, fingerprint,
                false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> atc(Map<String, Object> claims) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) claims.get("atc"));
        claims.put("atc", copy);
        return copy;
    }

    private static TokenExpectations expectations(boolean ca) {
        return new TokenExpectations(SPC_1234, accountKeys.getPublic(), ca);
    }

    private void assertRefused(String compact, List<X509Certificate> chain,
                               TokenExpectations expected, Violation violation,
                               String fragment) {
        SpcToken token = parser.parse(compact);
        PolicyException e = assertThrows(PolicyException.class,
                () -> verifier.verify(token, chain, expected));
        assertEquals(violation, e.violation(), e.detail());
        assertTrue(e.detail().contains(fragment), e.detail());
    }
}
