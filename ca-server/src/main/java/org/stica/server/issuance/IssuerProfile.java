package org.stica.server.issuance;

import java.time.Duration;
import org.stica.server.ca.CaHierarchy;

/**
 * What every end-entity certificate gets from this CA (ATIS-1000080 §6.4.1; STANDARDS.md §1.1):
 * the issuing hierarchy (issuer, CRLDP URI and cRLIssuer), subject O and C, the SHAKEN CP OID,
 * the maximum lifetime, and the public origin used for STI-CR (x5u) URLs.
 */
public record IssuerProfile(CaHierarchy hierarchy, String organization, String country,
                            String policyOid, Duration maxValidity, String publicUrl) {

    /**
     * The CRL URL every certificate of this ecosystem names in its CRLDP (STANDARDS.md §6.3):
     * the one source for the certificates and for the {@code crl} an SPC token response tells
     * the SP to check them against (STANDARDS.md §4.2 item 1).
     */
    public java.net.URI crlDistributionPoint() {
        return hierarchy.crlUrl();
    }

    /** The STI-CR URL of a certificate (RFC 9448 §7): {@code publicUrl/cr/<serial>.pem}. */
    public java.net.URI x5uOf(String serialHex) {
        return java.net.URI.create(publicUrl + "/cr/" + serialHex + ".pem");
    }
}
