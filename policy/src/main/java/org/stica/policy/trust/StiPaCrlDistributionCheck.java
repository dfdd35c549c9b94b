package org.stica.policy.trust;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.profile.CrlDistribution;

/**
 * What certificates name when the CA runs under the STI-PA (STANDARDS.md §1.1 item 8, §1.2 item
 * 5, §6.1 mode 1): the configured STI-PA CRL URL, and as {@code cRLIssuer} the issuer Name of
 * that CRL as downloaded and verified ({@link PaCrlCheck}), copied as DER so its RDN order
 * (L, ST, CN, C, O for the US STI-PA) and string types are kept. A CRL whose Issuing
 * Distribution Point names URIs none of which is the configured URL is refused: verifiers
 * compare the certificate's CRLDP with the CRL's IDP (§6.3 item 1). A CRL without an IDP is
 * accepted; whether the STI-PA sets one with {@code indirectCRL} is UNCONFIRMED (§4.2 item 3).
 * Refusals are {@link Violation#PA_CRL_INVALID}.
 */
public final class StiPaCrlDistributionCheck {
    private StiPaCrlDistributionCheck() {
    }

    /** The distribution point certificates name for {@code crl}, served at {@code url}. */
    public static CrlDistribution of(X509CRL crl, URI url) {
        List<String> idpUris = idpUris(crl);
        if (!idpUris.isEmpty() && !idpUris.contains(url.toASCIIString())) {
            throw new PolicyException(Violation.PA_CRL_INVALID, "the STI-PA CRL's issuing"
                    + " distribution point names " + idpUris + ", not the configured "
                    + url.toASCIIString() + " that certificates would name");
        }
        return new CrlDistribution(url, crl.getIssuerX500Principal().getEncoded());
    }

    private static List<String> idpUris(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
        List<String> uris = new ArrayList<>();
        if (value == null) {
            return uris;
        }
        try {
            DistributionPointName name = IssuingDistributionPoint.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(value)).getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName n : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        uris.add(ASN1IA5String.getInstance(n.getName()).getString());
                    }
                }
            }
            return uris;
        } catch (IOException | IllegalArgumentException e) {
            throw new PolicyException(Violation.PA_CRL_INVALID,
                    "the STI-PA CRL's issuing distribution point is malformed");
        }
    }
}
