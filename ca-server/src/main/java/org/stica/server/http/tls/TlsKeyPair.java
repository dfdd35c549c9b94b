package org.stica.server.http.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.stica.server.config.TlsFiles;

/**
 * A listener's certificate chain and private key as read from its PEM files, checked before any
 * server is given them: the certificate file holds one or more X.509 certificates (the server's
 * first), the key file one unencrypted private key (PKCS#8, SEC1 or PKCS#1), the key signs what
 * the first certificate's public key verifies, and that certificate is within its validity. A
 * half-written or mismatched pair fails with a {@link TlsPairException} and is never served.
 * The file bytes are kept for Vert.x's {@link PemKeyCertOptions}; {@link #toString()} shows the
 * certificate only.
 */
public final class TlsKeyPair {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TlsFiles files;
    private final Buffer certPem;
    private final Buffer keyPem;
    private final X509Certificate leaf;
    private final String digest;

    private TlsKeyPair(TlsFiles files, byte[] certPem, byte[] keyPem, X509Certificate leaf) {
        this.files = files;
        this.certPem = Buffer.buffer(certPem);
        this.keyPem = Buffer.buffer(keyPem);
        this.leaf = leaf;
        this.digest = digest(certPem, keyPem);
    }

    /** Reads and checks the pair at {@code now}. Blocking (two small files). */
    public static TlsKeyPair read(TlsFiles files, Instant now) {
        return parse(files, bytes(files.certFile()), bytes(files.keyFile()), now);
    }

    /** Checks the pair {@code files} named, given their bytes, at {@code now}. */
    public static TlsKeyPair parse(TlsFiles files, byte[] certPem, byte[] keyPem, Instant now) {
        X509Certificate leaf = certificates(files.certFile(), certPem).get(0);
        PrivateKey key = privateKey(files.keyFile(), keyPem);
        requireMatch(files, leaf, key);
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw new TlsPairException(files.certFile() + ": the certificate is not valid now"
                    + " (valid " + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant() + ")");
        }
        return new TlsKeyPair(files, certPem, keyPem, leaf);
    }

    /**
     * SHA-256 over the files' bytes, in order: tells changed files (a pair, a client CA file)
     * from the ones already read.
     */
    public static String digest(byte[]... contents) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] content : contents) {
                sha256.update(content);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** Reads one file of the pair; a failure names the file. */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TlsPairException(file + ": cannot be read (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /** The certificate chain and key as Vert.x key material (from memory, not the files). */
    public PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions().setCertValue(certPem.copy()).setKeyValue(keyPem.copy());
    }

    /** The files the pair was read from. */
    public TlsFiles files() {
        return files;
    }

    /** The server certificate (the first in the certificate file). */
    public X509Certificate certificate() {
        return leaf;
    }

    /** {@link #digest} of the files this pair was read from. */
    public String digest() {
        return digest;
    }

    /** Serial, SHA-256 fingerprint and expiry of the server certificate, for logs. */
    @Override
    public String toString() {
        String fingerprint;
        try {
            fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
        } catch (GeneralSecurityException e) {
            fingerprint = "unavailable";
        }
        return "certificate serial " + leaf.getSerialNumber().toString(16) + " (SHA-256 "
                + fingerprint + ", expires " + leaf.getNotAfter().toInstant() + ")";
    }

    private static List<X509Certificate> certificates(Path file, byte[] pem) {
        Collection<? extends java.security.cert.Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new TlsPairException(file + ": not a PEM certificate chain");
        }
        if (parsed.isEmpty()) {
            throw new TlsPairException(file + ": holds no certificate");
        }
        return parsed.stream().map(X509Certificate.class::cast).toList();
    }

    private static PrivateKey privateKey(Path file, byte[] pem) {
        Object object;
        try (PEMParser parser = new PEMParser(new InputStreamReader(
                new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new TlsPairException(file + ": not a PEM private key");
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new TlsPairException(file + ": the private key cannot be decoded");
        }
        throw new TlsPairException(file + ": holds no unencrypted private key (PKCS#8, SEC1 or"
                + " PKCS#1 PEM)");
    }

    /** The key signs a random challenge that the certificate's public key verifies. */
    private static void requireMatch(TlsFiles files, X509Certificate leaf, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new TlsPairException(files.keyFile() + ": unsupported key algorithm "
                    + key.getAlgorithm());
        };
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsPairException(files.keyFile() + ": the key does not belong to the"
                    + " certificate in " + files.certFile());
        }
    }
}
