package org.stica.policy.jose;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Verifies JWS ECDSA signatures (RFC 7518 §3.4: ES256 = P-256 + SHA-256, ES384 = P-384 +
 * SHA-384) with Bouncy Castle's lightweight {@link ECDSASigner}, several times faster than the
 * JDK 17 SunEC provider. Decoded public keys (with BC's per-point multiplication tables) are kept
 * in a bounded {@link KeyCache}, so a key seen before costs no decoding.
 *
 * <p>The checks are strict: the signature must be the raw {@code R || S} form JOSE requires
 * (exactly 64 bytes for ES256, 96 for ES384; a DER signature is refused), {@code R} and
 * {@code S} in {@code [1, n-1]} (BC refuses the rest, so the all-zero "psychic signature" fails),
 * and the public point on the named curve (checked by BC when the key is decoded). Keys of
 * another curve than the algorithm's are refused. Thread-safe.
 */
public final class EcdsaJwsVerifier {
    /** The two JOSE ECDSA algorithms verified here. */
    public enum Alg {
        ES256("P-256", "secp256r1", "SHA-256", 32),
        ES384("P-384", "secp384r1", "SHA-384", 48);

        private final String joseCurve;
        private final ECDomainParameters domain;
        private final String digest;
        private final int fieldBytes;

        Alg(String joseCurve, String curveName, String digest, int fieldBytes) {
            // the custom curves use BC's fixed-width field arithmetic (several times the generic Fp)
            X9ECParameters x9 = CustomNamedCurves.getByName(curveName);
            this.joseCurve = joseCurve;
            this.domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(),
                    x9.getH(), x9.getSeed());
            this.digest = digest;
            this.fieldBytes = fieldBytes;
        }

        /** The JWK {@code crv} of this algorithm's curve. */
        public String joseCurve() {
            return joseCurve;
        }
    }

    /** Thrown when a public key cannot be an {@link Alg}'s key (wrong curve, off the curve). */
    public static final class UnusableKeyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnusableKeyException(String message) {
            super(message);
        }
    }

    private final KeyCache<String, ECPublicKeyParameters> keys;

    /**
     * A verifier caching up to {@code maxKeys} decoded public keys. Runs a known-answer test
     * first, which also does the one-time curve set-up (class loading, base-point tables) here,
     * when the server is built off the event loop, rather than on the first request.
     */
    public EcdsaJwsVerifier(int maxKeys) {
        this.keys = new KeyCache<>(maxKeys);
        knownAnswerTest();
    }

    /** RFC 7515 Appendix A.3 (ES256): must verify, and must not once the payload changes. */
    private static void knownAnswerTest() {
        java.util.Base64.Decoder b64 = java.util.Base64.getUrlDecoder();
        ECPublicKeyParameters key = decode(Alg.ES256,
                new BigInteger(1, b64.decode("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU")),
                new BigInteger(1, b64.decode("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0")));
        String header = "eyJhbGciOiJFUzI1NiJ9";
        String payload = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxl"
                + "LmNvbS9pc19yb290Ijp0cnVlfQ";
        byte[] signature = b64.decode("DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djx"
                + "La8ISlSApmWQxfKTUJqPP3-Kg6NU1Q");
        if (!verifyHash(Alg.ES256, key, hash(Alg.ES256, header, payload), signature)
                || verifyHash(Alg.ES256, key, hash(Alg.ES256, header, payload + "A"),
                        signature)) {
            throw new IllegalStateException("ES256 known-answer test failed");
        }
    }

    /**
     * Verifies {@code signature} (raw R||S) over the JWS signing input
     * {@code protectedB64 + "." + payloadB64} with the affine point ({@code x}, {@code y}) of
     * a JWK (RFC 7518 §6.2.1).
     *
     * @throws UnusableKeyException when the point is not on the algorithm's curve
     */
    public boolean verify(Alg alg, BigInteger x, BigInteger y, String protectedB64,
                          String payloadB64, byte[] signature) {
        return verifyHash(alg, key(alg, x, y), hash(alg, protectedB64, payloadB64), signature);
    }

    /**
     * As {@link #verify(Alg, BigInteger, BigInteger, String, String, byte[])}, with the JWK's
     * coordinates as its base64url text ({@code x}, {@code y}; RFC 7518 §6.2.1.2-3): a key seen
     * before is found by that text, so a request signed with it decodes no coordinates and
     * formats no number (issue 18).
     *
     * @throws UnusableKeyException when the point is not on the algorithm's curve
     * @throws IllegalArgumentException when a coordinate is not base64url
     */
    public boolean verify(Alg alg, String xB64, String yB64, String protectedB64,
                          String payloadB64, byte[] signature) {
        // '/' is neither hex nor base64url: these names never meet those of key(alg, x, y)
        ECPublicKeyParameters key = keys.get(alg.name() + "/jwk:" + xB64 + ':' + yB64,
                k -> decode(alg, unsigned(xB64), unsigned(yB64)));
        return verifyHash(alg, key, hash(alg, protectedB64, payloadB64), signature);
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    private static byte[] hash(Alg alg, String protectedB64, String payloadB64) {
        MessageDigest md = digest(alg);
        md.update(protectedB64.getBytes(StandardCharsets.US_ASCII));
        md.update((byte) '.');
        md.update(payloadB64.getBytes(StandardCharsets.US_ASCII));
        return md.digest();
    }

    /**
     * Verifies {@code signature} (raw R||S) over {@code signingInput} (RFC 7515 §5.2) with a JCA
     * EC public key, e.g. an x5u certificate's.
     *
     * @throws UnusableKeyException when the key is not on the algorithm's curve
     */
    public boolean verify(Alg alg, ECPublicKey key, byte[] signingInput, byte[] signature) {
        if (key.getParams().getCurve().getField().getFieldSize() != alg.fieldBytes * 8) {
            throw new UnusableKeyException("key is not on " + alg.joseCurve);
        }
        ECPublicKeyParameters params = key(alg, key.getW().getAffineX(),
                key.getW().getAffineY());
        return verifyHash(alg, params, digest(alg).digest(signingInput), signature);
    }

    private ECPublicKeyParameters key(Alg alg, BigInteger x, BigInteger y) {
        return keys.get(alg.name() + ':' + x.toString(16) + ':' + y.toString(16),
                k -> decode(alg, x, y));
    }

    private static boolean verifyHash(Alg alg, ECPublicKeyParameters key, byte[] hash,
                                      byte[] signature) {
        Objects.requireNonNull(signature, "signature");
        if (signature.length != 2 * alg.fieldBytes) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, alg.fieldBytes));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, alg.fieldBytes,
                signature.length));
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        return signer.verifySignature(hash, r, s);
    }

    private static MessageDigest digest(Alg alg) {
        try {
            return MessageDigest.getInstance(alg.digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg.digest + " unavailable", e);
        }
    }

    private static ECPublicKeyParameters decode(Alg alg, BigInteger x, BigInteger y) {
        try {
            ECPoint point = alg.domain.getCurve().createPoint(x, y);
            // the constructor validates: on the curve, not infinity, in the prime-order group
            return new ECPublicKeyParameters(point, alg.domain);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new UnusableKeyException("point is not on " + alg.joseCurve);
        }
    }
}
