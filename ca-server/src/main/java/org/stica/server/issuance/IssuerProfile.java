package org.stica.server.issuance;

import java.time.Duration;
import java.util.function.Supplier;
import org.stica.policy.profile.CrlDistribution;
import org.stica.server.ca.CaHierarchy;

/**
 * What every end-entity certificate gets from this CA (ATIS-1000080 §6.4.1; STANDARDS.md §1.1):
 * the issuing hierarchy, subject O and C, the SHAKEN CP OID, the maximum lifetime, the public
 * origin used for STI-CR (x5u) URLs, and the CRLDP (URI and cRLIssuer) of the configured
 * ecosystem, read at each issuance ({@link org.stica.server.ecosystem.EcosystemCrl}: it may
 * fail closed under the STI-PA while the STI-PA CRL is not known; issue 20).
 */
public record IssuerProfile(CaHierarchy hierarchy, String organization, String country,
                            String policyOid, Duration maxValidity, String publicUrl,
                            Supplier<CrlDistribution> crlDistribution) {

    /** In a private ecosystem: the CRL and CRL signer the hierarchy's intermediate names. */
    public IssuerProfile(CaHierarchy hierarchy, String organization, String country,
                         String policyOid, Duration maxValidity, String publicUrl) {
        this(hierarchy, organization, country, policyOid, maxValidity, publicUrl,
                () -> CrlDistribution.of(hierarchy.crlUrl(), hierarchy.crlIssuerName()));
    }

    /** The STI-CR URL of a certificate (RFC 9448 §7): {@code publicUrl/cr/<serial>.pem}. */
    public java.net.URI x5uOf(String serialHex) {
        return java.net.URI.create(publicUrl + "/cr/" + serialHex + ".pem");
    }
}
