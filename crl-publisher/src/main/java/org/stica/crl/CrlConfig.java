package org.stica.crl;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * CRL publication settings (STANDARDS.md §6.2, §6.4).
 *
 * @param crlUrl            the URL certificates name in their CRLDP and the CRL's IDP carries
 * @param servedPath        the path on the public router that serves it (the path of crlUrl)
 * @param signerAlias       key alias of the CRL signer in the KeyVault
 * @param signerCertificate the CRL signer certificate (its subject is the CRL issuer)
 * @param signerCertUrl     where the signer certificate is published (AIA caIssuers), if anywhere
 * @param validity          nextUpdate - thisUpdate
 * @param refreshInterval   how often an instance reloads the newest CRL from the database
 */
public record CrlConfig(URI crlUrl, String servedPath, String signerAlias, X509Certificate signerCertificate,
                        Optional<URI> signerCertUrl, Duration validity, Duration refreshInterval) {
}
