package org.stica.acme.port;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.x500.X500Name;
import org.stica.policy.profile.SubscriberName;
import org.stica.policy.rcd.ConstraintsIdentifier;

/**
 * A finalized order's request for a certificate.
 *
 * @param tnAuthListDer the order identifier's DER TNAuthList
 * @param spc           the single SPC it holds
 * @param ca            the verified token's {@code atc.ca} (false for SHAKEN EE)
 * @param tokenExpires  the SPC token's {@code exp} (RFC 9447 §7 lifetime policy)
 * @param subscriber    the carrier the certificate names (O, C, ST, L), from the CA's registry
 * @param requestedSubject the CSR's subject (only its attribute order may be used)
 * @param claimConstraints the order's JWTClaimConstraints identifier: present, the certificate
 *                         is an RCD delegate end entity carrying it byte for byte (RCD.md §8
 *                         items 7-8), and {@code tokenExpires} is the earlier of both tokens'
 * @param orderRecord      present: the ACME side's record of the order made valid with the
 *                         certificate issued, which the CA runs in the statement that records
 *                         the certificate, after a CTE named {@code issued} that returns a row
 *                         iff it recorded it ({@link IssuedCertificate#orderRecorded()}, issue 18)
 */
public record IssuanceRequest(String accountId, String orderId, PublicKey subjectKey,
                              byte[] tnAuthListDer, String spc, boolean ca,
                              Optional<Instant> notBefore,
                              Optional<Instant> notAfter, Instant tokenExpires,
                              SubscriberName subscriber, Optional<X500Name> requestedSubject,
                              Optional<ConstraintsIdentifier> claimConstraints,
                              Optional<Function<IssuedCertificate, StatementPart>> orderRecord) {

    /** A request whose order the caller records itself. */
    public IssuanceRequest(String accountId, String orderId, PublicKey subjectKey,
                           byte[] tnAuthListDer, String spc, boolean ca,
                           Optional<Instant> notBefore, Optional<Instant> notAfter,
                           Instant tokenExpires, SubscriberName subscriber,
                           Optional<X500Name> requestedSubject,
                           Optional<ConstraintsIdentifier> claimConstraints) {
        this(accountId, orderId, subjectKey, tnAuthListDer, spc, ca, notBefore, notAfter,
                tokenExpires, subscriber, requestedSubject, claimConstraints, Optional.empty());
    }

    /** A request for a SHAKEN certificate without JWTClaimConstraints. */
    public IssuanceRequest(String accountId, String orderId, PublicKey subjectKey,
                           byte[] tnAuthListDer, String spc, boolean ca,
                           Optional<Instant> notBefore, Optional<Instant> notAfter,
                           Instant tokenExpires, SubscriberName subscriber,
                           Optional<X500Name> requestedSubject) {
        this(accountId, orderId, subjectKey, tnAuthListDer, spc, ca, notBefore, notAfter,
                tokenExpires, subscriber, requestedSubject, Optional.empty());
    }
}
