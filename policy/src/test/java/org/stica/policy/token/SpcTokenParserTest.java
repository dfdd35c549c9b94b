package org.stica.policy.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/** SPC token syntax (RFC 9448 §5, §6; STANDARDS.md §3.4, §3.5 steps 1-2, 6, 8). */
class SpcTokenParserTest {
    /** The real iconectiv staging token of STANDARDS.md §7.3 (expired 2023-07-21). */
    static final String ICONECTIV_STAGING = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsIng1dSI6Imh0d"
            + "HBzOi8vYXV0aGVudGljYXRlLWFwaS1zdGcuaWNvbmVjdGl2LmNvbS9kb3dubG9hZC92MS9jZXJ0aWZp"
            + "Y2F0ZS9jZXJ0aWZpY2F0ZUlkXzk3NTc0LmNydCJ9.eyJleHAiOjE2ODk5MTkwNjMsImp0aSI6IjUxOTE"
            + "3NWNiLTY5OTgtNDA3NC05YWVhLTBkYTUxNzVhMTYyMiIsImF0YyI6eyJ0a3R5cGUiOiJUTkF1dGhMaXN"
            + "0IiwidGt2YWx1ZSI6Ik1BaWdCaFlFTWpneFN3PT0iLCJjYSI6ZmFsc2UsImZpbmdlcnByaW50IjoiU0h"
            + "BMjU2IDQ5OjU1Ojc4OjdGOjQyOjE3OjgxOjY3Ojk5OjQ4OkRDOjU0OjIxOkRBOkY0Ojc5OkM3OjQxOjI"
            + "5OjA2OkJGOkE1OjM4OkRGOjlFOjAxOjk3OjZBOjJDOjUzOkNDOjNCIn19.yZsMAjzQ0fBx4hUQBR-E-ex"
            + "UwRHrFn4_utPuSJrraJYjI2K3eCfjNwVuMSCkAx9MQrUofB0d9hmDnZ_AblOCUQ";
    private static final String HEADER =
            "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"x5u\":\"https://pa.test/a.crt\"}";
    private static final String FP = "SHA256 49:55:78:7F:42:17:81:67:99:48:DC:54:21:DA:F4:79:C7:"
            + "41:29:06:BF:A5:38:DF:9E:01:97:6A:2C:53:CC:3B";

    private final SpcTokenParser parser = new SpcTokenParser();

    @Test
    void parse_iconectivStagingToken_givesAllFields() {
        SpcToken token = parser.parse(ICONECTIV_STAGING);
        assertEquals(URI.create("https://authenticate-api-stg.iconectiv.com/download/v1/"
                + "certificate/certificateId_97574.crt"), token.x5u());
        assertEquals("519175cb-6998-4074-9aea-0da5175a1622", token.jti());
        assertEquals(Instant.parse("2023-07-21T05:57:43Z"), token.expires());
        assertEquals(Optional.empty(), token.notBefore());
        assertEquals(Optional.empty(), token.issuer());
        assertEquals("TNAuthList", token.tktype());
        assertEquals("MAigBhYEMjgxSw==", token.tkvalue());
        assertFalse(token.ca());
        assertEquals(FP, token.fingerprint());
        assertEquals(64, token.jws().getSignature().decode().length);
    }

    @Test
    void parse_optionalClaims_areRead() {
        Map<String, Object> claims = SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, true);
        claims.put("nbf", 1900000000L);
        claims.put("iss", "https://pa.test");
        SpcToken token = parser.parse(SpcTokens.raw(HEADER, SpcTokens.json(claims),
                SpcTokens.fakeSignature()));
        assertEquals(Optional.of(Instant.ofEpochSecond(1900000000L)), token.notBefore());
        assertEquals(Optional.of("https://pa.test"), token.issuer());
        assertTrue(token.ca());
    }

    @Test
    void parse_caAbsent_meansFalse() {
        // RFC 9448 §6 step 9 / STANDARDS.md §3.5 step 10: missing ca means false.
        Map<String, Object> claims = SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, true);
        atc(claims).remove("ca");
        assertFalse(parse(claims).ca());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "none", "RS256", "ES384", "ES512", "PS256", "EdDSA", "es256",
        "ES256 "})
    void parse_algOtherThanEs256_refusedAlgNotAllowed(String alg) {
        // RFC 9447 §7 / RFC 9448 §10 (RFC 8725 allow-list): alg must be exactly ES256.
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"x5u\":\"https://pa.test/a\"}";
        String claims = SpcTokens.json(SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, false));
        String signature = alg.equals("none") ? "" : SpcTokens.fakeSignature();
        assertViolation(SpcTokens.raw(header, claims, signature), Violation.TOKEN_ALG_NOT_ALLOWED,
                "alg must be ES256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a.b.c.d", "a.b.c.d.e", "abc", ""})
    void parse_notThreeSegments_refusedMalformed(String compact) {
        // STANDARDS.md §3.5 step 1: compact JWS with exactly 3 segments (JWE has 5).
        assertViolation(compact, Violation.TOKEN_MALFORMED, "");
    }

    @Test
    void parse_headerNotJson_refusedMalformed() {
        assertViolation(SpcTokens.b64("not json") + ".e30." + SpcTokens.fakeSignature(),
                Violation.TOKEN_MALFORMED, "protected header");
    }

    @Test
    void parse_payloadJsonArray_refusedMalformed() {
        assertViolation(SpcTokens.raw(HEADER, "[1,2]", SpcTokens.fakeSignature()),
                Violation.TOKEN_MALFORMED, "payload");
    }

    @Test
    void parse_paddedSegment_refusedMalformed() {
        String token = SpcTokens.raw(HEADER, SpcTokens.json(
                SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, false)), "AAAA==");
        assertViolation(token, Violation.TOKEN_MALFORMED, "base64url");
    }

    @Test
    void parse_emptySignature_refusedMalformed() {
        String token = SpcTokens.raw(HEADER, SpcTokens.json(
                SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, false)), "");
        assertViolation(token, Violation.TOKEN_MALFORMED, "no signature");
    }

    @Test
    void parse_critHeader_refusedMalformed() {
        // RFC 7515 §4.1.11: unknown crit parameters must be rejected.
        String header = "{\"alg\":\"ES256\",\"x5u\":\"https://pa.test/a\",\"crit\":[\"exp\"],"
                + "\"exp\":1}";
        assertViolation(SpcTokens.raw(header, SpcTokens.json(SpcTokens.claims(2000000000L,
                "MAigBhYEMTIzNA", FP, false)), SpcTokens.fakeSignature()),
                Violation.TOKEN_MALFORMED, "crit");
    }

    @Test
    void parse_missingX5u_refusedMissingClaim() {
        // RFC 9448 §6 step 2: the signer is identified by x5u.
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\"}";
        assertViolation(SpcTokens.raw(header, SpcTokens.json(SpcTokens.claims(2000000000L,
                "MAigBhYEMTIzNA", FP, false)), SpcTokens.fakeSignature()),
                Violation.TOKEN_MISSING_CLAIM, "x5u");
    }

    @Test
    void parse_relativeX5u_refusedMalformed() {
        String header = "{\"alg\":\"ES256\",\"x5u\":\"/download/a.crt\"}";
        assertViolation(SpcTokens.raw(header, SpcTokens.json(SpcTokens.claims(2000000000L,
                "MAigBhYEMTIzNA", FP, false)), SpcTokens.fakeSignature()),
                Violation.TOKEN_MALFORMED, "absolute");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp", "jti", "atc"})
    void parse_missingRequiredClaim_refusedMissingClaimNamingIt(String claim) {
        // RFC 9448 §5 / RFC 9447 §4: exp, jti and atc are required.
        Map<String, Object> claims = SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, false);
        claims.remove(claim);
        assertViolation(claims, Violation.TOKEN_MISSING_CLAIM, claim);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tktype", "tkvalue", "fingerprint"})
    void parse_missingAtcMember_refusedMissingClaimNamingIt(String member) {
        // RFC 9448 §5.4 / §6 step 1: atc holds tktype, tkvalue and fingerprint.
        Map<String, Object> claims = SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, false);
        atc(claims).remove(member);
        assertViolation(claims, Violation.TOKEN_MISSING_CLAIM, "atc." + member);
    }

    @Test
    void parse_expAsString_refusedMalformed() {
        // RFC 7519 §4.1.4: exp is a NumericDate.
        Map<String, Object> claims = SpcTokens.claims(0, "MAigBhYEMTIzNA", FP, false);
        claims.put("exp", "2000000000");
        assertViolation(claims, Violation.TOKEN_MALFORMED, "exp");
    }

    @Test
    void parse_emptyJti_refusedMalformed() {
        // STANDARDS.md §3.5 step 8: jti is a non-empty string.
        Map<String, Object> claims = SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, false);
        claims.put("jti", "");
        assertViolation(claims, Violation.TOKEN_MALFORMED, "jti");
    }

    @Test
    void parse_atcNotObject_refusedMalformed() {
        Map<String, Object> claims = SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, false);
        claims.put("atc", "TNAuthList");
        assertViolation(claims, Violation.TOKEN_MALFORMED, "atc");
    }

    @Test
    void parse_caAsString_refusedMalformed() {
        Map<String, Object> claims = SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, false);
        atc(claims).put("ca", "false");
        assertViolation(claims, Violation.TOKEN_MALFORMED, "atc.ca");
    }

    @Test
    void parse_tkvalueNotString_refusedMalformed() {
        Map<String, Object> claims = SpcTokens.claims(2000000000L, "MAigBhYEMTIzNA", FP, false);
        atc(claims).put("tkvalue", 1234);
        assertViolation(claims, Violation.TOKEN_MALFORMED, "atc.tkvalue");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> atc(Map<String, Object> claims) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) claims.get("atc"));
        claims.put("atc", copy);
        return copy;
    }

    private SpcToken parse(Map<String, Object> claims) {
        return parser.parse(SpcTokens.raw(HEADER, SpcTokens.json(claims),
                SpcTokens.fakeSignature()));
    }

    private void assertViolation(Map<String, Object> claims, Violation violation,
                                 String fragment) {
        assertViolation(SpcTokens.raw(HEADER, SpcTokens.json(claims), SpcTokens.fakeSignature()),
                violation, fragment);
    }

    private void assertViolation(String compact, Violation violation, String fragment) {
        PolicyException e = assertThrows(PolicyException.class, () -> parser.parse(compact));
        assertEquals(violation, e.violation(), e.detail());
        assertTrue(e.detail().contains(fragment), e.detail());
    }
}
