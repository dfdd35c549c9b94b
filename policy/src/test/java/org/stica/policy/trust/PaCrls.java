package org.stica.policy.trust;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.ASN1Integer;

/** Test fixture: STI-PA CRLs signed by a given key (BC builder), and their PEM form. */
public final class PaCrls {
    private PaCrls() {
    }

    /** A CRL issued by {@code issuer} listing {@code revoked}, numbered {@code number}. */
    public static X509CRL crl(X509Certificate issuer, PrivateKey key, long number,
                              Instant thisUpdate, Instant nextUpdate,
                              List<X509Certificate> revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                    Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            builder.addExtension(Extension.cRLNumber, false,
                    new ASN1Integer(BigInteger.valueOf(number)));
            for (X509Certificate cert : revoked) {
                builder.addCRLEntry(cert.getSerialNumber(), Date.from(thisUpdate),
                        CRLReason.keyCompromise);
            }
            return new JcaX509CRLConverter().getCRL(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509CRL crl) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(crl);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
