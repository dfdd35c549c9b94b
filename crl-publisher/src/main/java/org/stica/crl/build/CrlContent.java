package org.stica.crl.build;

import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stica.crl.port.RevokedEntry;

/**
 * Everything one CRL says (RFC 5280 §5.1, §5.2, §5.3); validated by {@link CrlBuilder} before it
 * signs.
 *
 * @param signerCertificate the CRL signer; its subject is the CRL issuer, its SKI the CRL's AKI
 * @param crlUrl            fullName URI of the Issuing Distribution Point
 * @param signerCertUrl     AIA caIssuers URI, if the signer certificate is published
 * @param number            CRL Number (positive, at most 20 octets)
 * @param thisUpdate        thisUpdate (whole seconds)
 * @param nextUpdate        nextUpdate (whole seconds, after thisUpdate)
 * @param entries           the revoked certificates; empty means no revokedCertificates field
 */
public record CrlContent(X509Certificate signerCertificate, URI crlUrl, Optional<URI> signerCertUrl,
                         BigInteger number, Instant thisUpdate, Instant nextUpdate,
                         List<RevokedEntry> entries) {

    public CrlContent {
        entries = entries == null ? null : List.copyOf(entries);
    }
}
