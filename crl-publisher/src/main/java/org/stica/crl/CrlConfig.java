package org.stica.crl;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
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
public record CrlConfig(URI crlUrl, String servedPath, String signerAlias,
                        X509Certificate signerCertificate, Optional<URI> signerCertUrl,
                        Duration validity, Duration refreshInterval) {

    /** KeyUsage bit index of cRLSign (RFC 5280 §4.2.1.3). */
    private static final int KU_CRL_SIGN = 6;

    /**
     * Checks the settings and returns this config; throws {@link IllegalArgumentException} naming
     * the first bad field. The signer certificate must assert cRLSign (RFC 5280 §4.2.1.3), the URLs
     * must be absolute http(s) URLs, and the CRL must be rebuilt (at validity/2) at least one
     * refresh interval before it expires.
     */
    public CrlConfig validate() {
        requireHttpUrl("crlUrl", crlUrl);
        Objects.requireNonNull(signerCertUrl, "signerCertUrl");
        signerCertUrl.ifPresent(url -> requireHttpUrl("signerCertUrl", url));
        if (servedPath == null || !servedPath.startsWith("/") || servedPath.contains("*")
                || servedPath.contains(":")) {
            throw new IllegalArgumentException("servedPath must be a literal absolute path: "
                    + servedPath);
        }
        if (signerAlias == null || signerAlias.isBlank()) {
            throw new IllegalArgumentException("signerAlias is required");
        }
        if (signerCertificate == null) {
            throw new IllegalArgumentException("signerCertificate is required");
        }
        boolean[] usage = signerCertificate.getKeyUsage();
        if (usage == null || usage.length <= KU_CRL_SIGN || !usage[KU_CRL_SIGN]) {
            throw new IllegalArgumentException(
                    "signerCertificate lacks KeyUsage cRLSign (RFC 5280 §4.2.1.3)");
        }
        if (validity == null || validity.isNegative() || validity.toSeconds() < 2) {
            throw new IllegalArgumentException("validity must be at least 2 seconds: " + validity);
        }
        if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()
                || refreshInterval.compareTo(validity.dividedBy(2)) >= 0) {
            throw new IllegalArgumentException(
                    "refreshInterval must be positive and shorter than validity/2: "
                    + refreshInterval);
        }
        return this;
    }

    /**
     * The path that serves the same CRL as PEM ({@code servedPath + ".pem"}, STANDARDS.md §6.4).
     */
    public String pemPath() {
        return servedPath + ".pem";
    }

    private static void requireHttpUrl(String name, URI url) {
        if (url == null || !url.isAbsolute() || url.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute URL: " + url);
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(name + " must be http or https: " + url);
        }
    }
}
