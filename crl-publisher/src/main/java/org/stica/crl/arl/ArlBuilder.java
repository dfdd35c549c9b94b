package org.stica.crl.arl;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.stica.crl.CrlException;

/**
 * Builds the root's CRL (RFC 5280 §5): v2, issuer = root subject, thisUpdate/nextUpdate, CRL
 * Number and AKI (non-critical), no Issuing Distribution Point (a full CRL for every certificate
 * the root issued: it matches certificates without a CRLDP, RFC 5280 §6.3.3 (b)(1)), no entries.
 * Pure.
 */
public final class ArlBuilder {

    /** The DER of the ARL signed by {@code rootSigner}. */
    public byte[] build(X509Certificate root, BigInteger number, Instant thisUpdate,
                        Instant nextUpdate, ContentSigner rootSigner) {
        X500Name issuer = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root));
            return builder.build(rootSigner).getEncoded();
        } catch (IOException | NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, "cannot encode the ARL", e);
        }
    }
}
