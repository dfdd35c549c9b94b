package org.stica.server.pa;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.stica.policy.profile.SerialNumbers;

/**
 * The PA CRL as iconectiv publishes it (STANDARDS.md §4.2 items 2-4): issued by the PA CRL
 * signer (not the PA root), an indirect CRL whose entries name the PA root as
 * {@code certificateIssuer} with their reason, an Issuing Distribution Point whose fullName is
 * the URL it is served at with {@code indirectCRL} TRUE, an AIA caIssuers URL of the CRL
 * signer's certificate, AKI and a CRL number.
 */
public final class PaCrlBuilder {
    private final PaKeys keys;
    private final URI crlUrl;
    private final URI signerUrl;

    public PaCrlBuilder(PaKeys keys, URI crlUrl, URI signerUrl) {
        this.keys = keys;
        this.crlUrl = crlUrl;
        this.signerUrl = signerUrl;
    }

    /** Builds and signs through {@code contentSigner} (the CRL signer key, on a worker). */
    public X509CRL build(ContentSigner contentSigner, List<RevokedSigner> revoked, long number,
                         Instant now, Duration validity) {
        X509Certificate signer = keys.crlSigner();
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(name(signer), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(validity)));
            builder.addExtension(Extension.cRLNumber, false,
                    new ASN1Integer(BigInteger.valueOf(number)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(signer));
            builder.addExtension(Extension.issuingDistributionPoint, true,
                    new IssuingDistributionPoint(new DistributionPointName(uri(crlUrl)), false,
                            false, null, true, false));
            builder.addExtension(Extension.authorityInfoAccess, false,
                    new AuthorityInformationAccess(new AccessDescription(
                            AccessDescription.id_ad_caIssuers,
                            new GeneralName(GeneralName.uniformResourceIdentifier,
                                    signerUrl.toString()))));
            GeneralNames rootName = new GeneralNames(new GeneralName(name(keys.root())));
            for (RevokedSigner entry : revoked) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.reasonCode, false,
                        CRLReason.lookup(entry.reason()));
                extensions.addExtension(Extension.certificateIssuer, true, rootName);
                builder.addCRLEntry(SerialNumbers.fromHex(entry.serialHex()),
                        Date.from(entry.revokedAt()), extensions.generate());
            }
            return new JcaX509CRLConverter().getCRL(builder.build(contentSigner));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("building the PA CRL failed", e);
        }
    }

    private static GeneralNames uri(URI url) {
        return new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                url.toString()));
    }

    private static X500Name name(X509Certificate cert) {
        return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    }
}
