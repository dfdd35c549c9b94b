package org.stica.policy.token;

import com.nimbusds.jose.JWSObject;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A structurally valid SPC token (RFC 9448 §5; STANDARDS.md §3.4): compact JWS with header
 * {@code alg}, {@code x5u}, and claims {@code exp}, {@code jti}, {@code atc}. Produced by
 * {@link SpcTokenParser}; nothing about it is trusted until {@link SpcTokenVerifier} says so.
 *
 * @param jws the parsed compact JWS (signature not yet checked)
 * @param x5u the signer certificate URL from the protected header
 * @param ca  {@code atc.ca}; absent means false (RFC 9448 §6 step 9)
 */
public record SpcToken(JWSObject jws, URI x5u, String jti, Instant expires,
                       Optional<Instant> notBefore, Optional<String> issuer, String tktype,
                       String tkvalue, boolean ca, String fingerprint) {
}
