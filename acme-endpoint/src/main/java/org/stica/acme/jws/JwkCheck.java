package org.stica.acme.jws;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;

/**
 * Parses an account key from a JWS {@code jwk} header (RFC 7517) and refuses what cannot be an
 * account key, with badPublicKey (RFC 8555 §6.7): private-key members, symmetric keys, RSA under
 * 2048 bits, curves other than P-256/P-384/Ed25519, points off the curve. Unknown members (e.g. a
 * {@code kid} inside the jwk, STANDARDS.md §3.7.1) are ignored.
 */
public final class JwkCheck {
    private static final Set<String> PRIVATE_MEMBERS =
            Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final Set<Curve> EC_CURVES = Set.of(Curve.P_256, Curve.P_384);
    private static final int MIN_RSA_BITS = 2048;

    public JWK parse(Map<String, Object> members) {
        if (members.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw badKey("jwk must be a public key (private or symmetric key members present)");
        }
        JWK jwk;
        try {
            jwk = JWK.parse(members);
        } catch (ParseException | RuntimeException e) {
            throw badKey("jwk is not a valid public key");
        }
        if (jwk instanceof ECKey ec && EC_CURVES.contains(ec.getCurve())) {
            return jwk;
        }
        if (jwk instanceof RSAKey rsa) {
            if (rsa.size() < MIN_RSA_BITS) {
                throw badKey("RSA account keys must have at least " + MIN_RSA_BITS + " bits");
            }
            return jwk;
        }
        if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return jwk;
        }
        throw badKey("unsupported key type or curve (use P-256, P-384, Ed25519 or RSA)");
    }

    private static AcmeProblem badKey(String detail) {
        return new AcmeProblem(ProblemType.BAD_PUBLIC_KEY, detail);
    }
}
