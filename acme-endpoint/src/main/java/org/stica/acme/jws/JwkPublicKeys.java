package org.stica.acme.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Converts an account JWK to a JCA {@link PublicKey}: EC and RSA through nimbus, Ed25519 through
 * a Bouncy Castle SubjectPublicKeyInfo (RFC 8410) read by the JDK's {@code Ed25519} KeyFactory.
 */
public final class JwkPublicKeys {
    private JwkPublicKeys() {
    }

    public static PublicKey toPublicKey(JWK jwk) {
        try {
            if (jwk instanceof ECKey ec) {
                return ec.toECPublicKey();
            }
            if (jwk instanceof RSAKey rsa) {
                return rsa.toRSAPublicKey();
            }
            if (jwk instanceof OctetKeyPair okp) {
                SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(
                        new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                        okp.getDecodedX());
                return KeyFactory.getInstance("Ed25519")
                        .generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
            }
        } catch (JOSEException | GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("unusable account key", e);
        }
        throw new IllegalArgumentException("unsupported key type " + jwk.getKeyType());
    }
}
