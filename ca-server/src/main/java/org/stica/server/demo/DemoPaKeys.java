package org.stica.server.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.stica.server.ca.CaNames;

/**
 * The demo STI-PA's root and token-signer keys and certificates, kept as PEM files (keys 0600) in
 * one directory so a restarted demo keeps trusting the same PA.
 */
public record DemoPaKeys(X509Certificate root, X509Certificate signer, KeyPair signerKey) {

    static DemoPaKeys loadOrCreate(Path dir, Clock clock) throws IOException {
        Path root = dir.resolve("root.pem");
        Path signer = dir.resolve("signer.pem");
        Path signerKey = dir.resolve("signer-key.pem");
        if (!Files.exists(signerKey)) {
            Files.createDirectories(dir);
            DemoPaKeys created = create("STI-CA Demo STI-PA", clock.instant());
            write(root, pem(created.root()));
            write(signer, pem(created.signer()));
            write(signerKey, pem(created.signerKey()));
            Files.setPosixFilePermissions(signerKey, PosixFilePermissions.fromString("rw-------"));
            return created;
        }
        X509Certificate signerCert = readCert(signer);
        return new DemoPaKeys(readCert(root), signerCert,
                new KeyPair(signerCert.getPublicKey(), readPrivateKey(signerKey)));
    }

    /** A fresh PA: a self-signed root (10 years) and a token signer under it (1 year), P-256. */
    public static DemoPaKeys create(String name, Instant now) {
        try {
            KeyPair rootKey = ecKey();
            KeyPair signerKey = ecKey();
            X500Name rootName = CaNames.name(name, "US", name + " Root");
            X500Name signerName = CaNames.name(name, "US", name + " Token Signer");
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder rb = new JcaX509v3CertificateBuilder(rootName, serial(),
                    Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(3650))), rootName,
                    rootKey.getPublic());
            rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            rb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            rb.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(rootKey.getPublic()));
            X509Certificate root = sign(rb, rootKey);
            JcaX509v3CertificateBuilder sb = new JcaX509v3CertificateBuilder(root, serial(),
                    Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(365))), signerName,
                    signerKey.getPublic());
            sb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            sb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            sb.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root));
            sb.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(signerKey.getPublic()));
            return new DemoPaKeys(root, sign(sb, rootKey), signerKey);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create the demo STI-PA keys", e);
        }
    }

    /** PEM of a certificate, or of a private key (or a key pair's private key) as PKCS#8. */
    public static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            Object key = o instanceof KeyPair kp ? kp.getPrivate() : o;
            // private keys as PKCS#8 "PRIVATE KEY", which carries the curve parameters
            p.writeObject(key instanceof PrivateKey pk ? new JcaPKCS8Generator(pk, null) : key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).setBit(63);
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
    }

    private static X509Certificate readCert(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) p.readObject());
        } catch (GeneralSecurityException e) {
            throw new IOException("bad certificate in " + file, e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            Object pem = p.readObject();
            PrivateKeyInfo info = pem instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                    : (PrivateKeyInfo) pem;
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (ClassCastException e) {
            throw new IOException("no private key in " + file, e);
        }
    }
}
