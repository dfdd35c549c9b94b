package org.stica.tests.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test STI-PA's PKI built on the test side (no server code): a self-signed root whose key is
 * kept (it certifies the token signer and the CRL signer and signs the root's own CRL), P-256
 * throughout, as STANDARDS.md §1.3 item 7 describes the US STI-PA root.
 */
public record TestPaKeys(X509Certificate root, KeyPair rootKey) {

    /** A root named {@code C=US, O=<name>, CN=<name> Root}, valid 10 years. */
    public static TestPaKeys create(String name) {
        KeyPair key = ecKey();
        X500Name rootName = name(name, name + " Root");
        try {
            JcaX509v3CertificateBuilder builder = builder(rootName, rootName, key, 3650);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key.getPublic()));
            return new TestPaKeys(sign(builder, key), key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test STI-PA root", e);
        }
    }

    /** An end-entity certificate under the root for {@code subjectKey} with {@code keyUsage}. */
    public X509Certificate issue(X500Name subject, KeyPair subjectKey, int keyUsage, int days) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder = builder(
                    X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), subject,
                    subjectKey, days);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(root));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(subjectKey.getPublic()));
            return sign(builder, rootKey);
        } catch (Exception e) {
            throw new IllegalStateException("cannot certify " + subject, e);
        }
    }

    /** C, O, CN built attribute by attribute. */
    public static X500Name name(String organization, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.O, organization).addRDN(BCStyle.CN, commonName).build();
    }

    public static KeyPair ecKey() {
        try {
            return TestStiPa.ecKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject,
                                                       KeyPair subjectKey, int days) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom())
                .setBit(63), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(days))), subject, subjectKey.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair key)
            throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }
}
