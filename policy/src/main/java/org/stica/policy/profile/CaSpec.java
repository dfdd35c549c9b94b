package org.stica.policy.profile;

import java.math.BigInteger;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Input for the CA-side templates (root, intermediate, CRL signer; STANDARDS.md §1.2, §1.3, §6.2).
 *
 * @param issuer    the issuing certificate; empty for a self-signed root
 * @param policyOid SHAKEN CP OID (intermediate only)
 * @param crlUri    CRLDP URI (intermediate only)
 * @param crlIssuer CRLDP cRLIssuer (intermediate only)
 */
public record CaSpec(Optional<X509Certificate> issuer, X500Name subject, PublicKey subjectKey,
                     BigInteger serial, Instant notBefore, Instant notAfter, String policyOid,
                     URI crlUri, X500Name crlIssuer) {
}
