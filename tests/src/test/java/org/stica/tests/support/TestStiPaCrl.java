package org.stica.tests.support;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The test STI-PA's CRL as the US STI-PA publishes it (STANDARDS.md §4.2): signed by a separate
 * CRL signer under the STI-PA root, issuer {@code L=Bridgewater, ST=NJ, CN=STI-PA CRL, C=US,
 * O=STI-PA} in that RDN order, an indirect CRL (IDP with this URL and {@code indirectCRL}, each
 * entry naming its {@code certificateIssuer}, critical), AIA caIssuers pointing at the signer,
 * served as PEM (§0 trap 8). The root also signs a CRL covering the CRL signer (Java checks the
 * signer's own revocation, §6.5). Each revocation re-signs the CRL with a higher number.
 */
public final class TestStiPaCrl {
    public static final String CRL_PATH = "/download/v1/crl";
    public static final String SIGNER_PATH = "/sti-pa/crl-signer.pem";
    public static final String ROOT_CRL_PATH = "/sti-pa/root.crl";
    /** The US STI-PA's CRL issuer, RDN order L, ST, CN, C, O (STANDARDS.md §1.1 item 8). */
    public static final X500Name ISSUER = new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.L, "Bridgewater").addRDN(BCStyle.ST, "NJ")
            .addRDN(BCStyle.CN, "STI-PA CRL").addRDN(BCStyle.C, "US")
            .addRDN(BCStyle.O, "STI-PA").build();

    /** Publishes a body at a path of the STI-PA's HTTP server. */
    @FunctionalInterface
    interface Publisher {
        void publish(String path, String contentType, byte[] body);
    }

    private record Entry(BigInteger serial, X500Name issuer, int reason, Instant at) {
    }

    private final KeyPair signerKey;
    private final X509Certificate signer;
    private final URI url;
    private final URI signerUrl;
    private final Publisher publisher;
    private final List<Entry> entries = new ArrayList<>();
    private long number;
    private X509CRL current;
    private X509CRL rootCrl;

    TestStiPaCrl(TestPaKeys pa, String origin, Publisher publisher) {
        this.signerKey = TestPaKeys.ecKey();
        this.signer = pa.issue(ISSUER, signerKey, KeyUsage.cRLSign | KeyUsage.digitalSignature,
                365);
        this.url = URI.create(origin + CRL_PATH);
        this.signerUrl = URI.create(origin + SIGNER_PATH);
        this.publisher = publisher;
        publisher.publish(SIGNER_PATH, "application/x-pem-file",
                TestStiPa.pem(signer).getBytes());
        this.rootCrl = signRootCrl(pa);
        publisher.publish(ROOT_CRL_PATH, "application/pkix-crl", encoded(rootCrl));
        republish();
    }

    /** The URL the CRL is served at (what certificates name under the STI-PA). */
    public URI url() {
        return url;
    }

    public X509Certificate signer() {
        return signer;
    }

    /** The CRL as last published. */
    public synchronized X509CRL crl() {
        return current;
    }

    /** The root's CRL over the CRL signer (empty). */
    public X509CRL rootCrl() {
        return rootCrl;
    }

    /**
     * The STI-PA lists a revoked certificate (as it would after an STI-CA's report): entry
     * {@code serial} with {@code certificateIssuer = issuerDer} and RFC 5280 {@code reason}.
     */
    public synchronized void revoke(BigInteger serial, byte[] issuerDer, int reason) {
        entries.add(new Entry(serial, X500Name.getInstance(issuerDer), reason, Instant.now()));
        republish();
    }

    private void republish() {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(ISSUER, Date.from(now.minusSeconds(5)));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(24))));
        try {
            builder.addExtension(Extension.cRLNumber, false,
                    new ASN1Integer(BigInteger.valueOf(++number)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(signer));
            builder.addExtension(Extension.issuingDistributionPoint, true,
                    new IssuingDistributionPoint(new DistributionPointName(new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier,
                                    url.toString()))), false, false, null, true, false));
            builder.addExtension(Extension.authorityInfoAccess, false,
                    new AuthorityInformationAccess(new AccessDescription(
                            AccessDescription.id_ad_caIssuers, new GeneralName(
                            GeneralName.uniformResourceIdentifier, signerUrl.toString()))));
            for (Entry entry : entries) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.reasonCode, false,
                        CRLReason.lookup(entry.reason()));
                extensions.addExtension(Extension.certificateIssuer, true,
                        new GeneralNames(new GeneralName(entry.issuer())));
                builder.addCRLEntry(entry.serial(), Date.from(entry.at()),
                        extensions.generate());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        current = sign(builder, signerKey);
        publisher.publish(CRL_PATH, "application/x-pem-file", TestStiPa.pem(current).getBytes());
    }

    /** The root's CRL: nothing revoked, so the CRL signer checks out (Java PKIX, §6.5). */
    private static X509CRL signRootCrl(TestPaKeys pa) {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(
                pa.root().getSubjectX500Principal().getEncoded()), Date.from(now.minusSeconds(5)));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        try {
            builder.addExtension(Extension.cRLNumber, false, new ASN1Integer(BigInteger.ONE));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(pa.root()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sign(builder, pa.rootKey());
    }

    private static X509CRL sign(X509v2CRLBuilder builder, KeyPair key) {
        try {
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(key.getPrivate())).getEncoded();
            return (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the test STI-PA CRL", e);
        }
    }

    private static byte[] encoded(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
