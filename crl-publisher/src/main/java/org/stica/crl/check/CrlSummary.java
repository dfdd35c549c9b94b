package org.stica.crl.check;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;

/**
 * What {@link CrlFileReader} found in a CRL file: the issuer Name (DER), CRL Number, thisUpdate,
 * nextUpdate, the Issuing Distribution Point extension, whether the signature verified (empty
 * when no verifier was given) and how many entries were parsed (-1 when they were skipped).
 */
public record CrlSummary(byte[] issuerDer, Optional<BigInteger> number, Instant thisUpdate,
                         Optional<Instant> nextUpdate, Optional<Extension> issuingDistributionPoint,
                         Optional<Boolean> signatureValid, long entries) {
}
