package org.stica.acme.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.text.ParseException;
import java.util.Base64;
import org.stica.acme.problem.AcmeProblem;
import org.stica.policy.jose.EcdsaJwsVerifier;

/**
 * Verifies the JWS signature with the account key over the RFC 7515 §5.2 signing input
 * {@code protected "." payload} (also for POST-as-GET, where the payload is empty; STANDARDS.md
 * §3.7.2). The algorithm must fit the key (ES256 ↔ P-256, ES384 ↔ P-384, RS256 ↔ RSA,
 * EdDSA ↔ Ed25519), else badSignatureAlgorithm. A signature that does not verify → unauthorized.
 * ES256/ES384 run on Bouncy Castle with decoded keys cached ({@link EcdsaJwsVerifier}); the
 * signature must be the raw R||S form (RFC 7518 §3.4), a DER signature does not verify.
 */
public final class SignatureCheck {
    /** Distinct account keys whose decoded form is kept (about 1 KiB each). */
    private static final int CACHED_KEYS = 10_000;
    private static final EcdsaJwsVerifier ECDSA = new EcdsaJwsVerifier(CACHED_KEYS);

    public void verify(FlattenedJws jws, JwsAlgorithm alg, JWK key) {
        checkKeyFits(alg, key);
        boolean valid;
        try {
            valid = switch (alg) {
                case ES256, ES384 -> verifyEcdsa(jws, alg, (ECKey) key);
                case EDDSA -> verifyEd25519(jws, key);
                case RS256 -> verifyNimbus(jws, key);
            };
        } catch (ParseException | JOSEException | GeneralSecurityException
                 | IllegalArgumentException e) {
            throw AcmeProblem.malformed("JWS signature could not be verified");
        }
        if (!valid) {
            throw AcmeProblem.unauthorized("JWS signature does not verify with the account key");
        }
    }

    private static void checkKeyFits(JwsAlgorithm alg, JWK key) {
        boolean fits = switch (alg) {
            case ES256 -> key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
            case ES384 -> key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve());
            case RS256 -> key instanceof RSAKey;
            case EDDSA -> key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
        };
        if (!fits) {
            throw AcmeProblem.badSignatureAlgorithm("JWS algorithm '" + alg.jose()
                    + "' does not fit the account key", JwsAlgorithm.supported());
        }
    }

    /** ES256/ES384 through Bouncy Castle with the decoded key cached (RFC 7518 §3.4). */
    private static boolean verifyEcdsa(FlattenedJws jws, JwsAlgorithm alg, ECKey key) {
        EcdsaJwsVerifier.Alg ecdsa = alg == JwsAlgorithm.ES256 ? EcdsaJwsVerifier.Alg.ES256
                : EcdsaJwsVerifier.Alg.ES384;
        return ECDSA.verify(ecdsa, key.getX().toString(), key.getY().toString(),
                jws.protectedHeader(), jws.payload(),
                Base64.getUrlDecoder().decode(jws.signature()));
    }

    private static boolean verifyNimbus(FlattenedJws jws, JWK key)
            throws ParseException, JOSEException {
        JWSObject object = new JWSObject(new Base64URL(jws.protectedHeader()),
                new Base64URL(jws.payload()), new Base64URL(jws.signature()));
        return object.verify(new RSASSAVerifier((RSAKey) key));
    }

    private static boolean verifyEd25519(FlattenedJws jws, JWK key)
            throws GeneralSecurityException {
        byte[] input = (jws.protectedHeader() + "." + jws.payload())
                .getBytes(StandardCharsets.US_ASCII);
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(JwkPublicKeys.toPublicKey(key));
        signature.update(input);
        return signature.verify(new Base64URL(jws.signature()).decode());
    }
}
