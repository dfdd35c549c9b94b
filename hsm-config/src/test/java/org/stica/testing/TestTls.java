package org.stica.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away TLS CA for tests (Bouncy Castle, P-256): issues server certificates for
 * {@code localhost} and {@code 127.0.0.1} and writes them with their keys as PEM files in a
 * temporary directory (keys are never committed), and gives clients an {@link SSLContext}
 * trusting the CA.
 */
public final class TestTls {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final KeyPair caKey;
    private final X509Certificate caCertificate;

    private TestTls(Path dir, KeyPair caKey, X509Certificate caCertificate) {
        this.dir = dir;
        this.caKey = caKey;
        this.caCertificate = caCertificate;
    }

    /** A new CA whose certificate is written to {@code <dir>/tls-ca.pem}. */
    public static TestTls create(Path dir) {
        KeyPair key = ecKey();
        Instant now = Instant.now();
        X509Certificate ca = sign(new JcaX509v3CertificateBuilder(new X500Name("CN=Test TLS CA"),
                serial(), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=Test TLS CA"),
                key.getPublic()), true, key);
        TestTls tls = new TestTls(dir, key, ca);
        writePem(tls.caFile(), ca);
        return tls;
    }

    /** The CA certificate's PEM file (for curl {@code --cacert}, openssl {@code -CAfile}). */
    public Path caFile() {
        return dir.resolve("tls-ca.pem");
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * Issues a new server certificate valid for a day and writes it and its key to
     * {@code certFile} and {@code keyFile}, each replaced atomically.
     */
    public X509Certificate issue(Path certFile, Path keyFile) {
        Instant now = Instant.now();
        return issue(certFile, keyFile, now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(1)));
    }

    /** As {@link #issue(Path, Path)} with the given validity. */
    public X509Certificate issue(Path certFile, Path keyFile, Instant notBefore,
                                 Instant notAfter) {
        KeyPair key = ecKey();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate,
                serial(), Date.from(notBefore), Date.from(notAfter),
                new X500Name("CN=localhost"), key.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        X509Certificate certificate = sign(builder, false, caKey);
        try {
            writePem(keyFile, new JcaPKCS8Generator(key.getPrivate(), null).generate());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        writePem(certFile, certificate);
        return certificate;
    }

    /** A client TLS context trusting only this CA. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("test-tls-ca", caCertificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes PEM objects to {@code file} through a temporary file and an atomic move. */
    public static void writePem(Path file, Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".tls",
                    ".tmp");
            Files.writeString(temporary, out.toString());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, boolean ca,
                                        KeyPair issuer) {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
