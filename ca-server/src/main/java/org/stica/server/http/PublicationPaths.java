package org.stica.server.http;

/** Public paths of the published files beside the CRL (STANDARDS.md §4.3, §4.4, §6.5). */
public final class PublicationPaths {
    /** The root-signed CRL covering the CRL signer (the ARL Java's PKIX needs, §6.5). */
    public static final String ARL = "/crl/root.crl";
    /** The trust anchors as a PEM bundle. */
    public static final String ROOTS_PEM = "/ca/roots.pem";
    /** The trust anchors as JSON. */
    public static final String TRUST_ANCHORS_JSON = "/ca/trust-anchors.json";

    private PublicationPaths() {
    }
}
