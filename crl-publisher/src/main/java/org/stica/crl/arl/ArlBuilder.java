package org.stica.crl.arl;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.stica.crl.CrlException;
import org.stica.crl.port.RevokedEntry;

/**
 * Builds the root's CRL (RFC 5280 §5): v2, issuer = root subject, thisUpdate/nextUpdate, CRL
 * Number and AKI (non-critical), no Issuing Distribution Point (a full CRL for every certificate
 * the root issued: it matches certificates without a CRLDP, RFC 5280 §6.3.3 (b)(1)), and one
 * entry per revoked CA certificate (serial, revocationDate, reasonCode unless unspecified; no
 * certificateIssuer: the root issued them all). Pure.
 */
public final class ArlBuilder {

    /** The DER of the ARL signed by {@code rootSigner}. */
    public byte[] build(X509Certificate root, BigInteger number, Instant thisUpdate,
                        Instant nextUpdate, List<RevokedEntry> entries, ContentSigner rootSigner) {
        X500Name issuer = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (RevokedEntry entry : entries) {
            if (!allowedReason(entry.reasonCode()) || entry.serial().signum() <= 0) {
                throw new CrlException(CrlException.Kind.INVALID_CONTENT, "ARL entry "
                        + entry.serial().toString(16) + " has reason " + entry.reasonCode()
                        + " (RFC 5280 §5.3.1: no certificateHold, 7 or removeFromCRL)");
            }
            builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reasonCode());
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root));
            return builder.build(rootSigner).getEncoded();
        } catch (IOException | NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CrlException(CrlException.Kind.INVALID_CONTENT, "cannot encode the ARL", e);
        }
    }

    private static boolean allowedReason(int code) {
        return code >= CRLReason.unspecified && code <= CRLReason.aACompromise
                && code != CRLReason.certificateHold && code != 7
                && code != CRLReason.removeFromCRL;
    }
}
