package org.stica.policy.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.impl.ECDSA;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.stica.policy.TestPki;
import org.stica.policy.jose.EcdsaJwsVerifier.Alg;

/** ES256 verification on Bouncy Castle (RFC 7515 §5.2, RFC 7518 §3.4). */
class EcdsaJwsVerifierTest {
    // RFC 7515 Appendix A.3: the ES256 example, public key and signature
    private static final String A3_X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    private static final String A3_Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    private static final String A3_HEADER = "eyJhbGciOiJFUzI1NiJ9";
    private static final String A3_PAYLOAD = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogIm"
            + "h0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    private static final String A3_SIGNATURE = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfT"
            + "jDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    private final EcdsaJwsVerifier verifier = new EcdsaJwsVerifier(4);

    @Test
    void verify_rfc7515AppendixA3_accepted() {
        assertTrue(verifier.verify(Alg.ES256, big(A3_X), big(A3_Y), A3_HEADER, A3_PAYLOAD,
                b64(A3_SIGNATURE)));
    }

    @Test
    void verify_rfc7515AppendixA3TamperedPayload_rejected() {
        String tampered = A3_PAYLOAD.replace('J', 'K');
        assertFalse(verifier.verify(Alg.ES256, big(A3_X), big(A3_Y), A3_HEADER, tampered,
                b64(A3_SIGNATURE)));
    }

    @Test
    void verify_jwkCoordinatesAsText_acceptedRejectedAndRefusedLikeNumbers() {
        assertTrue(verifier.verify(Alg.ES256, A3_X, A3_Y, A3_HEADER, A3_PAYLOAD,
                b64(A3_SIGNATURE)));
        // the second time the key comes from the cache, and still verifies only its own input
        assertFalse(verifier.verify(Alg.ES256, A3_X, A3_Y, A3_HEADER,
                A3_PAYLOAD.replace('J', 'K'), b64(A3_SIGNATURE)));
        String offCurve = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(big(A3_Y).add(BigInteger.ONE).toByteArray());
        assertThrows(EcdsaJwsVerifier.UnusableKeyException.class, () -> verifier.verify(
                Alg.ES256, A3_X, offCurve, A3_HEADER, A3_PAYLOAD, b64(A3_SIGNATURE)));
        assertThrows(IllegalArgumentException.class, () -> verifier.verify(
                Alg.ES256, A3_X, "not*base64", A3_HEADER, A3_PAYLOAD, b64(A3_SIGNATURE)));
    }

    @Test
    void verify_textThatIsAlsoHex_neverFindsTheKeyOfThatHexNumber() throws Exception {
        // a key cached under its coordinates in hex ...
        KeyPair keys = TestPki.p256();
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        byte[] signature = sign(keys, "hdr.body");
        assertTrue(verifier.verify(Alg.ES256, x(key), y(key), "hdr", "body", signature));
        // ... is not what base64url text spelling those same hex digits names
        String xHex = x(key).toString(16);
        String yHex = y(key).toString(16);
        assertThrows(IllegalArgumentException.class, () -> verifier.verify(Alg.ES256, xHex,
                yHex, "hdr", "body", signature));
    }

    @Test
    void verify_signedWithJdk_acceptedAndCachedOnce() throws Exception {
        KeyPair keys = TestPki.p256();
        byte[] signature = sign(keys, "hdr.body");
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        assertTrue(verifier.verify(Alg.ES256, x(key), y(key), "hdr", "body", signature));
        assertTrue(verifier.verify(Alg.ES256, key, ascii("hdr.body"), signature));
        assertEquals(1, verifierCacheSize());
    }

    @Test
    void verify_otherKey_rejected() throws Exception {
        KeyPair signer = TestPki.p256();
        ECPublicKey other = (ECPublicKey) TestPki.p256().getPublic();
        assertFalse(verifier.verify(Alg.ES256, other, ascii("hdr.body"),
                sign(signer, "hdr.body")));
    }

    @Test
    void verify_tamperedSignature_rejected() throws Exception {
        KeyPair keys = TestPki.p256();
        byte[] signature = sign(keys, "hdr.body");
        signature[10] ^= 1;
        assertFalse(verifier.verify(Alg.ES256, (ECPublicKey) keys.getPublic(), ascii("hdr.body"),
                signature));
    }

    @Test
    void verify_derInsteadOfRawSignature_rejected() throws Exception {
        // RFC 7518 §3.4: the JWS signature is R || S, never the DER SEQUENCE
        KeyPair keys = TestPki.p256();
        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initSign(keys.getPrivate());
        jdk.update(ascii("hdr.body"));
        assertFalse(verifier.verify(Alg.ES256, (ECPublicKey) keys.getPublic(), ascii("hdr.body"),
                jdk.sign()));
    }

    @Test
    void verify_zeroOrOversizedRandS_rejected() throws Exception {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 must never verify; nor r, s ≥ n
        ECPublicKey key = (ECPublicKey) TestPki.p256().getPublic();
        assertFalse(verifier.verify(Alg.ES256, key, ascii("hdr.body"), new byte[64]));
        byte[] ones = new byte[64];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertFalse(verifier.verify(Alg.ES256, key, ascii("hdr.body"), ones));
    }

    @Test
    void verify_wrongLength_rejected() throws Exception {
        KeyPair keys = TestPki.p256();
        byte[] signature = sign(keys, "hdr.body");
        byte[] longer = java.util.Arrays.copyOf(signature, 65);
        assertFalse(verifier.verify(Alg.ES256, (ECPublicKey) keys.getPublic(), ascii("hdr.body"),
                longer));
        assertFalse(verifier.verify(Alg.ES256, (ECPublicKey) keys.getPublic(), ascii("hdr.body"),
                java.util.Arrays.copyOf(signature, 63)));
    }

    @Test
    void verify_pointOffCurve_refusedAsUnusableKey() {
        BigInteger y = big(A3_Y).add(BigInteger.ONE);
        assertThrows(EcdsaJwsVerifier.UnusableKeyException.class, () -> verifier.verify(
                Alg.ES256, big(A3_X), y, A3_HEADER, A3_PAYLOAD, b64(A3_SIGNATURE)));
    }

    @Test
    void verify_p256KeyForEs384_refusedAsUnusableKey() {
        assertThrows(EcdsaJwsVerifier.UnusableKeyException.class, () -> verifier.verify(
                Alg.ES384, big(A3_X), big(A3_Y), A3_HEADER, A3_PAYLOAD, b64(A3_SIGNATURE)));
    }

    private int verifierCacheSize() throws Exception {
        java.lang.reflect.Field keys = EcdsaJwsVerifier.class.getDeclaredField("keys");
        keys.setAccessible(true);
        return ((KeyCache<?, ?>) keys.get(verifier)).size();
    }

    static byte[] sign(KeyPair keys, String input) throws Exception {
        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initSign(keys.getPrivate());
        jdk.update(ascii(input));
        return ECDSA.transcodeSignatureToConcat(jdk.sign(), 64);
    }

    private static BigInteger x(ECPublicKey key) {
        return key.getW().getAffineX();
    }

    private static BigInteger y(ECPublicKey key) {
        return key.getW().getAffineY();
    }

    private static BigInteger big(String b64url) {
        return new BigInteger(1, b64(b64url));
    }

    private static byte[] b64(String b64url) {
        return Base64.getUrlDecoder().decode(b64url);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
