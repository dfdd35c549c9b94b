package org.stica.server.ca;

/** Public paths of the CRL and its signer certificate (STANDARDS.md §6.4). */
public final class CrlPaths {
    /** The CRL (DER) every certificate names in its CRLDP. */
    public static final String CRL = "/crl/shaken.crl";
    /** The CRL signer certificate (PEM), published as the CRL's AIA caIssuers. */
    public static final String SIGNER = "/crl/signer.pem";

    private CrlPaths() {
    }
}
