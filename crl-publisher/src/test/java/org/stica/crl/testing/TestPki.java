package org.stica.crl.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A software test PKI built with Bouncy Castle: a PA root and a CRL signer under it (KU critical
 * cRLSign + digitalSignature, BC cA FALSE, SKI/AKI), EC P-256 keys from SunEC. Plus the Name of an
 * issuing STI-CA whose certificates the CRL lists.
 */
public final class TestPki {
    public static final X500Name ROOT_NAME = new X500Name(
            "CN=Test STI-PA Root, O=STI-PA Test, C=US");
    public static final X500Name SIGNER_NAME =
            new X500Name("L=Bridgewater, ST=NJ, CN=STI-PA CRL, C=US, O=STI-PA");
    public static final X500Name ISSUING_CA = new X500Name(
            "CN=Test STI-CA Intermediate, O=Test CA, C=US");
    public static final X500Name OTHER_CA = new X500Name(
            "CN=Other STI-CA Intermediate, O=Other CA, C=US");

    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final KeyPair signerKeys;
    private final X509Certificate signer;

    private TestPki(KeyPair rootKeys, X509Certificate root, KeyPair signerKeys,
            X509Certificate signer) {
        this.rootKeys = rootKeys;
        this.root = root;
        this.signerKeys = signerKeys;
        this.signer = signer;
    }

    public static TestPki create() {
        try {
            KeyPair rootKeys = p256();
            X509Certificate root = certificate(ROOT_NAME, rootKeys.getPublic(), ROOT_NAME,
                    rootKeys, null,
                    new BasicConstraints(true), new KeyUsage(
                            KeyUsage.keyCertSign | KeyUsage.cRLSign));
            KeyPair signerKeys = p256();
            X509Certificate signer = certificate(SIGNER_NAME, signerKeys.getPublic(), ROOT_NAME,
                    rootKeys, root,
                    new BasicConstraints(false), new KeyUsage(
                            KeyUsage.cRLSign | KeyUsage.digitalSignature));
            return new TestPki(rootKeys, root, signerKeys, signer);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A second signer certificate with the same subject but another key (for negative tests). */
    public X509Certificate otherSignerWithSameName() {
        try {
            return certificate(SIGNER_NAME, p256().getPublic(), ROOT_NAME, rootKeys, root,
                    new BasicConstraints(false), new KeyUsage(KeyUsage.cRLSign));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for the signer's key without KeyUsage cRLSign (for negative tests). */
    public X509Certificate signerWithoutCrlSign() {
        try {
            return certificate(SIGNER_NAME, signerKeys.getPublic(), ROOT_NAME, rootKeys, root,
                    new BasicConstraints(false), new KeyUsage(KeyUsage.digitalSignature));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate signer() {
        return signer;
    }

    public KeyPair signerKeys() {
        return signerKeys;
    }

    /** A plain JCA ContentSigner over the CRL signer's software key. */
    public ContentSigner contentSigner() {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(signerKeys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(X500Name subject, PublicKey key, X500Name issuer,
                                               KeyPair issuerKeys, X509Certificate issuerCert,
                                               BasicConstraints bc, KeyUsage ku)
            throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(64, new SecureRandom()).setBit(63),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365,
                        ChronoUnit.DAYS)), subject, key)
                .addExtension(Extension.basicConstraints, true, bc)
                .addExtension(Extension.keyUsage, true, ku)
                .addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(key))
                .addExtension(Extension.authorityKeyIdentifier, false, issuerCert == null
                        ? utils.createAuthorityKeyIdentifier(issuerKeys.getPublic())
                        : utils.createAuthorityKeyIdentifier(issuerCert));
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(
                issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
