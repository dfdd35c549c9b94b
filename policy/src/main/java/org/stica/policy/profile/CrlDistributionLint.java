package org.stica.policy.profile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * The ecosystem part of the profile lint (STANDARDS.md §1.1 item 8, §1.2 item 5, §6.1, §6.3):
 * the certificate's CRL distribution point must name exactly the CRL of the ecosystem the CA is
 * configured for: one DistributionPoint whose fullName is one URI equal to the expected URL
 * (character for character, as verifiers compare it with the CRL's IDP), no reasons, and one
 * cRLIssuer directoryName whose DER equals the expected CRL issuer's byte for byte (RDN order,
 * attribute types and string types included). In a private ecosystem that is the CA's own CRL
 * and CRL signer; under the STI-PA it is the STI-PA CRL's URL and issuer. Applies to end-entity,
 * SCA and intermediate certificates alike.
 */
public final class CrlDistributionLint {
    private CrlDistributionLint() {
    }

    /** Findings when the CRLDP is not exactly {@code expected}; empty when it is. */
    public static List<String> lint(X509CertificateHolder cert, CrlDistribution expected) {
        List<String> findings = new ArrayList<>();
        Extension extension = cert.getExtension(Extension.cRLDistributionPoints);
        if (extension == null) {
            findings.add("CRLDistributionPoints is missing; the ecosystem's CRL is "
                    + expected.url());
            return findings;
        }
        try {
            DistributionPoint[] points = CRLDistPoint.getInstance(extension.getParsedValue())
                    .getDistributionPoints();
            if (points.length != 1) {
                findings.add("CRLDistributionPoints must hold exactly one DistributionPoint,"
                        + " found " + points.length);
                return findings;
            }
            lintUrl(points[0].getDistributionPoint(), expected, findings);
            if (points[0].getReasons() != null) {
                findings.add("CRLDistributionPoints must not carry reasons");
            }
            lintIssuer(points[0].getCRLIssuer(), expected, findings);
        } catch (RuntimeException | IOException e) {
            findings.add("CRLDistributionPoints does not parse");
        }
        return findings;
    }

    /**
     * Lints a template before it is signed ({@link TemplatePreview}); throws
     * {@link PolicyException} (PROFILE_LINT_FAILED) listing the findings.
     */
    public static void requireOnTemplate(X509v3CertificateBuilder template,
                                         CrlDistribution expected) {
        ShakenLint.requireClean(lint(TemplatePreview.of(template), expected));
    }

    private static void lintUrl(DistributionPointName name, CrlDistribution expected,
                                List<String> findings) {
        String want = expected.url().toASCIIString();
        GeneralName[] names = name == null || name.getType() != DistributionPointName.FULL_NAME
                ? new GeneralName[0] : GeneralNames.getInstance(name.getName()).getNames();
        if (names.length != 1 || names[0].getTagNo() != GeneralName.uniformResourceIdentifier) {
            findings.add("CRLDistributionPoints distributionPoint must be a fullName with one"
                    + " URI, " + want);
            return;
        }
        String found = ASN1IA5String.getInstance(names[0].getName()).getString();
        if (!found.equals(want)) {
            findings.add("CRLDistributionPoints URI must be the ecosystem's CRL " + want
                    + ", found " + found);
        }
    }

    private static void lintIssuer(GeneralNames crlIssuer, CrlDistribution expected,
                                   List<String> findings) throws IOException {
        GeneralName[] names = crlIssuer == null ? new GeneralName[0] : crlIssuer.getNames();
        if (names.length != 1 || names[0].getTagNo() != GeneralName.directoryName) {
            findings.add("CRLDistributionPoints must carry a cRLIssuer with one directoryName,"
                    + " " + expected.crlIssuer());
            return;
        }
        X500Name found = X500Name.getInstance(names[0].getName());
        if (!Arrays.equals(found.getEncoded(ASN1Encoding.DER), expected.crlIssuerDer())) {
            findings.add("CRLDistributionPoints cRLIssuer must be the ecosystem CRL's issuer "
                    + expected.crlIssuer() + " byte for byte (DER, RDN order kept), found "
                    + found);
        }
    }
}
