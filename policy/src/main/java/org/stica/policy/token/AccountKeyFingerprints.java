package org.stica.policy.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The two fingerprint forms of an ACME account key written {@code "SHA256 AA:BB:..."}
 * (STANDARDS.md §0 trap 3, §7.4 vectors): the RFC 9448 §5.4 form, which is the RFC 7638 JWK
 * thumbprint (SHA-256 over the canonical JWK members), and the field-practice form, SHA-256 over
 * the SubjectPublicKeyInfo DER.
 */
public final class AccountKeyFingerprints {
    /** The only hash name RFC 9448 §5.4 defines. */
    public static final String HASH_NAME = "SHA256";

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private AccountKeyFingerprints() {
    }

    /**
     * SHA-256 over the RFC 7638 JWK thumbprint input (RFC 9448 §5.4). Supports EC (P-256, P-384,
     * P-521) and RSA keys; other key types throw {@link IllegalArgumentException}.
     */
    public static String jwkThumbprintForm(PublicKey key) {
        try {
            return format(toJwk(key).computeThumbprint("SHA-256").decode());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot compute the JWK thumbprint of this key", e);
        }
    }

    /** SHA-256 over the SubjectPublicKeyInfo DER (field practice). */
    public static String spkiForm(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki == null) {
            throw new IllegalArgumentException("key has no SubjectPublicKeyInfo encoding");
        }
        return format(sha256(spki));
    }

    private static JWK toJwk(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new IllegalArgumentException("unsupported EC curve for a JWK thumbprint");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        throw new IllegalArgumentException("unsupported key type for a JWK thumbprint: "
                + key.getAlgorithm().toUpperCase(Locale.ROOT));
    }

    private static String format(byte[] digest) {
        return HASH_NAME + " " + COLON_HEX.formatHex(digest);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
