package org.stica.acme.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;

/** Each JWS check on its own: what it accepts and the problem each refusal carries. */
class JwsChecksTest {
    private final FlattenedJwsCheck flattened = new FlattenedJwsCheck();
    private final ProtectedHeaderCheck headers = new ProtectedHeaderCheck();
    private final AlgorithmCheck algorithms = new AlgorithmCheck();
    private final JwkCheck jwks = new JwkCheck();
    private final SignatureCheck signatures = new SignatureCheck();

    @Test
    void contentType_notJoseJson_is415() {
        // RFC 8555 §6.2: application/jose+json only.
        AcmeProblem problem = assertThrows(AcmeProblem.class,
                () -> new ContentTypeCheck().check("application/json"));
        assertEquals(415, problem.status());
        new ContentTypeCheck().check("application/jose+json; charset=utf-8");
    }

    @Test
    void flattened_paddedBase64_isMalformed() {
        String body = "{\"protected\":\"eyJhIjoxfQ==\",\"payload\":\"\",\"signature\":\"AA\"}";
        // RFC 7515 §2: base64url without padding.
        assertMalformed(() -> flattened.parse(bytes(body)));
    }

    @Test
    void flattened_generalSerialization_isMalformed() {
        String body = "{\"payload\":\"\",\"signatures\":[{\"protected\":\"eyJ9\","
                + "\"signature\":\"AA\"},{\"protected\":\"eyJ9\",\"signature\":\"AA\"}]}";
        // RFC 8555 §6.2: exactly one signature, flattened serialization.
        assertMalformed(() -> flattened.parse(bytes(body)));
    }

    @Test
    void flattened_unprotectedHeader_isMalformed() {
        String body = "{\"protected\":\"eyJ9\",\"header\":{\"kid\":\"x\"},\"payload\":\"\","
                + "\"signature\":\"AA\"}";
        // RFC 8555 §6.2: no unprotected header.
        assertMalformed(() -> flattened.parse(bytes(body)));
    }

    @Test
    void flattened_notJson_isMalformed() {
        assertMalformed(() -> flattened.parse(bytes("[1,2]")));
        assertMalformed(() -> flattened.parse(bytes("null")));
        assertMalformed(() -> flattened.parse(bytes("")));
    }

    @Test
    void strictBase64Url_rejectsPaddingAndForeignCharacters() {
        assertTrue(FlattenedJwsCheck.isStrictBase64Url("AQAB_-"));
        assertTrue(FlattenedJwsCheck.isStrictBase64Url(""));
        assertEquals(false, FlattenedJwsCheck.isStrictBase64Url("AQAB="));
        assertEquals(false, FlattenedJwsCheck.isStrictBase64Url("AQ+/"));
        assertEquals(false, FlattenedJwsCheck.isStrictBase64Url("AQABC"));
    }

    @Test
    void header_kidAndJwkTogether_isMalformed() {
        JsonObject header = base().put("kid", "k").put("jwk", new JsonObject().put("kty", "EC"));
        // RFC 8555 §6.2: exactly one of jwk and kid.
        assertMalformed(() -> headers.parse(b64(header)));
    }

    @Test
    void header_missingNonceOrUrl_isMalformed() {
        // RFC 8555 §6.2: nonce and url are required protected members.
        assertMalformed(() -> headers.parse(b64(base().put("kid", "k").put("nonce", ""))));
        JsonObject noUrl = base().put("kid", "k");
        noUrl.remove("url");
        assertMalformed(() -> headers.parse(b64(noUrl)));
    }

    @Test
    void header_complete_isParsed() {
        ProtectedHeader header = headers.parse(b64(base().put("kid", "https://x/acct/1")));
        assertEquals("ES256", header.alg());
        assertEquals("n", header.nonce());
        assertEquals("https://x/acme/new-order", header.url());
        assertEquals("https://x/acct/1", header.kid().orElseThrow());
    }

    @Test
    void algorithm_noneAndHs256_areBadSignatureAlgorithmWithList() {
        for (String alg : new String[] {"none", "HS256", "RS512", "ES512"}) {
            // RFC 8555 §6.2: never none or MAC; answer lists what is supported.
            AcmeProblem problem = assertThrows(AcmeProblem.class, () -> algorithms.check(alg));
            assertEquals(ProblemType.BAD_SIGNATURE_ALGORITHM, problem.type());
            assertTrue(problem.algorithms().orElseThrow().contains("ES256"));
        }
        assertEquals(JwsAlgorithm.EDDSA, algorithms.check("EdDSA"));
    }

    @Test
    void keyMode_wrongReference_isMalformed() {
        ProtectedHeader withKid = headers.parse(b64(base().put("kid", "k")));
        // RFC 8555 §6.2: jwk on newAccount, kid elsewhere.
        assertMalformed(() -> new KeyModeCheck().check(withKid, KeyMode.JWK));
        new KeyModeCheck().check(withKid, KeyMode.JWK_OR_KID);
    }

    @Test
    void url_mismatch_isUnauthorized() {
        ProtectedHeader header = headers.parse(b64(base().put("kid", "k")));
        // RFC 8555 §6.4: the url must match exactly.
        AcmeProblem problem = assertThrows(AcmeProblem.class,
                () -> new UrlCheck().check(header, "https://x/acme/new-order/"));
        assertEquals(ProblemType.UNAUTHORIZED, problem.type());
    }

    @Test
    void jwk_privateMember_isBadPublicKey() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        // RFC 7517 / RFC 8555 §6.2: an account key carries no private members.
        AcmeProblem problem = assertThrows(AcmeProblem.class,
                () -> jwks.parse(key.toJSONObject()));
        assertEquals(ProblemType.BAD_PUBLIC_KEY, problem.type());
    }

    @Test
    void jwk_unsupportedCurveOrSymmetric_isBadPublicKey() throws Exception {
        ECKey p521 = new ECKeyGenerator(Curve.P_521).generate();
        assertEquals(ProblemType.BAD_PUBLIC_KEY, assertThrows(AcmeProblem.class,
                () -> jwks.parse(p521.toPublicJWK().toJSONObject())).type());
        assertEquals(ProblemType.BAD_PUBLIC_KEY, assertThrows(AcmeProblem.class,
                () -> jwks.parse(Map.of("kty", "oct", "k", "AAAA"))).type());
    }

    @Test
    void jwk_unknownMembers_areIgnored() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Map<String, Object> members = new java.util.HashMap<>(key.toPublicJWK().toJSONObject());
        members.put("kid", "client-side-id");
        members.put("x-vendor", "whatever");
        // STANDARDS.md §3.7.1: ignore unknown JWK members.
        assertEquals(key.toPublicJWK().computeThumbprint(),
                jwks.parse(members).computeThumbprint());
    }

    @Test
    void signature_valid_passes_andTamperedPayload_isUnauthorized() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .customParam("nonce", "n").customParam("url", "u").build(), new Payload(""));
        jws.sign(new ECDSASigner(key));
        FlattenedJws good = new FlattenedJws(jws.getHeader().toBase64URL().toString(), "",
                jws.getSignature().toString());
        // RFC 7515 §5.2: POST-as-GET signs protected + "." + "".
        signatures.verify(good, JwsAlgorithm.ES256, key.toPublicJWK());
        FlattenedJws tampered = new FlattenedJws(good.protectedHeader(),
                Base64URL.encode("{}").toString(), good.signature());
        assertEquals(ProblemType.UNAUTHORIZED, assertThrows(AcmeProblem.class,
                () -> signatures.verify(tampered, JwsAlgorithm.ES256, key.toPublicJWK()))
                .type());
    }

    @Test
    void signature_otherAccountKey_isUnauthorized() throws Exception {
        ECKey signer = new ECKeyGenerator(Curve.P_256).generate();
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        FlattenedJws jws = signed(signer, JWSAlgorithm.ES256, "{}");
        signatures.verify(jws, JwsAlgorithm.ES256, signer.toPublicJWK());
        assertEquals(ProblemType.UNAUTHORIZED, assertThrows(AcmeProblem.class,
                () -> signatures.verify(jws, JwsAlgorithm.ES256, other.toPublicJWK())).type());
    }

    @Test
    void signature_derEncodedInsteadOfRawRs_isUnauthorized() throws Exception {
        // RFC 7518 §3.4: an ES256 JWS signature is R || S (64 octets), not a DER SEQUENCE
        assertSignatureRefused(raw -> com.nimbusds.jose.crypto.impl.ECDSA
                .transcodeSignatureToDER(raw));
    }

    @Test
    void signature_zeroRandS_isUnauthorized() throws Exception {
        // CVE-2022-21449: r = s = 0 must never verify
        assertSignatureRefused(raw -> new byte[64]);
    }

    private interface SignatureEdit {
        byte[] apply(byte[] raw) throws Exception;
    }

    /** Signs with a fresh P-256 key, replaces the signature by {@code edit}: unauthorized. */
    private void assertSignatureRefused(SignatureEdit edit) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        FlattenedJws raw = signed(key, JWSAlgorithm.ES256, "{}");
        FlattenedJws edited = new FlattenedJws(raw.protectedHeader(), raw.payload(),
                Base64URL.encode(edit.apply(new Base64URL(raw.signature()).decode())).toString());
        assertEquals(ProblemType.UNAUTHORIZED, assertThrows(AcmeProblem.class,
                () -> signatures.verify(edited, JwsAlgorithm.ES256, key.toPublicJWK())).type());
    }

    @Test
    void signature_es384WithP384Key_passes() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).generate();
        signatures.verify(signed(key, JWSAlgorithm.ES384, "{\"a\":1}"), JwsAlgorithm.ES384,
                key.toPublicJWK());
    }

    private static FlattenedJws signed(ECKey key, JWSAlgorithm alg, String payload)
            throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(alg)
                .customParam("nonce", "n").customParam("url", "u").build(), new Payload(payload));
        jws.sign(new ECDSASigner(key));
        return new FlattenedJws(jws.getHeader().toBase64URL().toString(),
                jws.getPayload().toBase64URL().toString(), jws.getSignature().toString());
    }

    @Test
    void signature_algorithmNotFittingKey_isBadSignatureAlgorithm() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        FlattenedJws jws = new FlattenedJws("eyJ9", "", "AA");
        assertEquals(ProblemType.BAD_SIGNATURE_ALGORITHM, assertThrows(AcmeProblem.class,
                () -> signatures.verify(jws, JwsAlgorithm.ES384, key.toPublicJWK())).type());
    }

    private static JsonObject base() {
        return new JsonObject().put("alg", "ES256").put("nonce", "n")
                .put("url", "https://x/acme/new-order");
    }

    private static String b64(JsonObject json) {
        return Base64URL.encode(json.encode()).toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertMalformed(org.junit.jupiter.api.function.Executable call) {
        AcmeProblem problem = assertThrows(AcmeProblem.class, call);
        assertEquals(ProblemType.MALFORMED, problem.type(), problem.detail());
        assertEquals(400, problem.status());
    }
}
