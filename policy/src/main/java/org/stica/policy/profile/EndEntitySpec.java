package org.stica.policy.profile;

import java.math.BigInteger;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Everything the ATIS-1000080 §6.4.1 end-entity profile needs (STANDARDS.md §1.1).
 *
 * @param subscriber       the STI participant the subject names (O, C, ST, L)
 * @param requestedSubject the CSR's subject: its attribute order is kept when it names exactly
 *                         the subscriber ({@link SubscriberName#subject})
 * @param crlIssuer the CRL issuer Name written as {@code cRLIssuer} in the CRLDP
 */
public record EndEntitySpec(X509Certificate issuer, PublicKey subjectKey, BigInteger serial,
                            String spc, SubscriberName subscriber,
                            Optional<X500Name> requestedSubject, Instant notBefore,
                            Instant notAfter, String policyOid, URI crlUri, X500Name crlIssuer) {
}
