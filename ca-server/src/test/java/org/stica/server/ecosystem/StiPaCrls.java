package org.stica.server.ecosystem;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test fixture: CRLs named as the US STI-PA names its CRL (STANDARDS.md §1.1 item 8). */
final class StiPaCrls {
    static final URI URL = URI.create("https://authenticate-api.iconectiv.com/download/v1/crl");
    /** L=Bridgewater, ST=NJ, CN=STI-PA CRL, C=US, O=STI-PA as UTF8String (STANDARDS.md §7.2). */
    static final byte[] ISSUER_DER = HexFormat.of().parseHex(
            "30563114301206035504070c0b4272696467657761746572310b300906035504080c024e4a3113"
                    + "301106035504030c0a5354492d50412043524c310b3009060355040613025553310f300d0603"
                    + "55040a0c065354492d5041");

    private StiPaCrls() {
    }

    /** An indirect CRL of that issuer whose IDP names {@code idp} (none when empty). */
    static X509CRL crl(Optional<URI> idp) {
        return crl(idp, key().getPrivate());
    }

    /** As {@link #crl(Optional)}, signed with {@code key}. */
    static X509CRL crl(Optional<URI> idp, PrivateKey key) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(ISSUER_DER),
                    Date.from(now));
            builder.setNextUpdate(Date.from(now.plusSeconds(86400)));
            builder.addExtension(Extension.cRLNumber, false, new ASN1Integer(BigInteger.ONE));
            if (idp.isPresent()) {
                builder.addExtension(Extension.issuingDistributionPoint, true,
                        new IssuingDistributionPoint(new DistributionPointName(new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier,
                                        idp.get().toString()))), false, false, null, true,
                                false));
            }
            return new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
