package org.stica.server.pa;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.stica.hsm.SignerPool;
import org.stica.policy.token.TokenType;

/**
 * Mints SPC tokens (and JWTClaimConstraints tokens, issue 19) as the STI-PA (RFC 9448 §5.4;
 * STANDARDS.md §4.1 item 5): header
 * {@code {"alg":"ES256","typ":"JWT","x5u":<this server's PA signer certificate>}}, claims
 * {@code exp} (now + {@code paRole.tokenLifetimeSeconds}), {@code jti} (UUID) and
 * {@code atc {tktype, tkvalue, ca, fingerprint}}; signed by the HSM key {@value PaKeys#SIGNER}
 * through the signer pool, the DER ECDSA signature transcoded to JWS R||S by nimbus.
 */
public final class SpcTokenIssuer {
    private final SignerPool signer;
    private final URI x5u;
    private final Duration lifetime;
    private final Clock clock;

    public SpcTokenIssuer(SignerPool signer, URI x5u, Duration lifetime, Clock clock) {
        this.signer = signer;
        this.x5u = x5u;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A signed token. */
    public record IssuedToken(String compact, String jti, Instant expires) {
    }

    /** Signs an SPC token for the already-authorized {@code atc} values. */
    public Future<IssuedToken> issue(String tkvalue, boolean ca, String fingerprint) {
        return issue(TokenType.TN_AUTH_LIST, tkvalue, ca, fingerprint);
    }

    /**
     * Signs a token of {@code type} ({@code atc.tktype}: an SPC token, or a JWTClaimConstraints
     * token, RCD.md §6) for the already-authorized {@code atc} values.
     */
    public Future<IssuedToken> issue(TokenType type, String tkvalue, boolean ca,
                                     String fingerprint) {
        Instant expires = clock.instant().plus(lifetime);
        String jti = UUID.randomUUID().toString();
        Map<String, Object> atc = new LinkedHashMap<>();
        atc.put("tktype", type.wire());
        atc.put("tkvalue", tkvalue);
        atc.put("ca", ca);
        atc.put("fingerprint", fingerprint);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("exp", expires.getEpochSecond());
        claims.put("jti", jti);
        claims.put("atc", atc);
        return sign(new Payload(claims)).map(compact -> new IssuedToken(compact, jti, expires));
    }

    /** Signs {@code payload} as a compact ES256 JWS with this issuer's header. */
    public Future<String> sign(Payload payload) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .x509CertURL(x5u).build();
        String signingInput = header.toBase64URL() + "." + payload.toBase64URL();
        return signer.sign(PaKeys.SIGNER, signingInput.getBytes(StandardCharsets.US_ASCII))
                .compose(der -> {
                    try {
                        byte[] raw = ECDSA.transcodeSignatureToConcat(der, 64);
                        return Future.succeededFuture(signingInput + "." + Base64URL.encode(raw));
                    } catch (JOSEException e) {
                        return Future.failedFuture(new IllegalStateException(
                                "the PA signature cannot be transcoded", e));
                    }
                });
    }
}
