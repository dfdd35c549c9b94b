package org.stica.acme.support;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A throw-away CA, P-256 keys, certificates and TNAuthList CSRs made with Bouncy Castle. */
public final class TestPki {
    /** id-pe-TNAuthList (RFC 8226 §9). */
    public static final ASN1ObjectIdentifier TN_AUTH_LIST = new ASN1ObjectIdentifier(
            "1.3.6.1.5.5.7.1.26");

    private final KeyPair caKeys = p256();
    private final X509Certificate caCert;

    public TestPki() {
        X500Name name = new X500Name("CN=Test STI-CA");
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.ONE, Date.from(Instant.now().minus(Duration.ofDays(1))),
                    Date.from(Instant.now().plus(Duration.ofDays(365))), name,
                    caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            caCert = convert(builder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate caCertificate() {
        return caCert;
    }

    /** An EE certificate for {@code key} carrying the TNAuthList. */
    public X509Certificate issue(PublicKey key, String spc, byte[] tnAuthListDer) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name("CN=Test STI-CA"), new BigInteger(64, new SecureRandom()).add(
                    BigInteger.TWO), Date.from(Instant.now().minus(Duration.ofMinutes(1))),
                    Date.from(Instant.now().plus(Duration.ofDays(30))),
                    new X500Name("CN=SHAKEN " + spc), key)
                    .addExtension(TN_AUTH_LIST, false, tnAuthListDer);
            return convert(builder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#10 request (ecdsa-with-SHA256) asking for the TNAuthList and {@code more}, DER. */
    public static byte[] csr(KeyPair keys, byte[] tnAuthListDer, Extension... more) {
        try {
            Extension[] all = new Extension[more.length + 1];
            all[0] = new Extension(TN_AUTH_LIST, false, new DEROctetString(tnAuthListDer));
            System.arraycopy(more, 0, all, 1, more.length);
            Extensions extensions = new Extensions(all);
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(keys.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=SHAKEN"),
                    keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions)
                    .build(signer).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate convert(X509v3CertificateBuilder builder) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                .build(caKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
