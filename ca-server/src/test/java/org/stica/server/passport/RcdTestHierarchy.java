package org.stica.server.passport;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.stica.policy.profile.CaSpec;
import org.stica.policy.profile.EndEntitySpec;
import org.stica.policy.profile.SerialNumbers;
import org.stica.policy.profile.ShakenCertificateTemplates;
import org.stica.policy.profile.SubscriberName;
import org.stica.policy.rcd.JwtClaimConstraints;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListExtension;
import org.stica.policy.tnauth.TnEntry;
import org.stica.testing.TestTls;

/**
 * Test fixture: a SHAKEN root and intermediate built with the production templates, and
 * end-entity signers below them whose TNAuthList holds a number range and which optionally
 * carry a JWTClaimConstraints extension (an RCD delegate leaf, issue 19).
 */
final class RcdTestHierarchy {
    static final String CP_1_4 = "2.16.840.1.114569.1.1.4";
    static final URI CRL_URI = URI.create("https://pa.example.test/download/v1/crl");
    static final X500Name CRL_ISSUER = new X500Name("C=US, O=STI-PA, CN=STI-PA CRL");
    private static final SecureRandom RANDOM = new SecureRandom();

    final KeyPair rootKeys = p256();
    final X509Certificate root;
    final KeyPair intermediateKeys = p256();
    final X509Certificate intermediate;
    private final Instant now;

    /** A signer: its key and its chain, leaf first. */
    record Signer(KeyPair keys, List<X509Certificate> chain) {
    }

    RcdTestHierarchy(String rootName, Instant now) {
        this.now = now;
        root = sign(ShakenCertificateTemplates.root(new CaSpec(Optional.empty(),
                new X500Name("C=US, O=Example STI-CA, CN=" + rootName), rootKeys.getPublic(),
                serial(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), null,
                null, null)), rootKeys.getPrivate());
        intermediate = sign(ShakenCertificateTemplates.intermediate(new CaSpec(Optional.of(root),
                new X500Name("C=US, O=Example STI-CA, CN=" + rootName + " Intermediate"),
                intermediateKeys.getPublic(), serial(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3000)), CP_1_4, CRL_URI, CRL_ISSUER)),
                rootKeys.getPrivate());
    }

    /**
     * An end-entity signer below the intermediate whose TNAuthList is {@code tns} and which
     * carries {@code constraints} when present.
     */
    Signer signer(TnAuthList tns, Optional<JwtClaimConstraints> constraints) {
        KeyPair keys = p256();
        X509v3CertificateBuilder builder = ShakenCertificateTemplates.endEntity(
                new EndEntitySpec(intermediate, keys.getPublic(), serial(), "1234",
                        new SubscriberName("Q Branch", "US", Optional.empty(), Optional.empty()),
                        Optional.empty(), now.minus(Duration.ofHours(1)),
                        now.plus(Duration.ofDays(30)), CP_1_4, CRL_URI, CRL_ISSUER));
        try {
            builder.replaceExtension(TnAuthListExtension.OID, false,
                    TnAuthListExtension.of(tns).getParsedValue());
            if (constraints.isPresent()) {
                builder.addExtension(JwtClaimConstraintsCodec.extension(constraints.get()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Signer(keys, List.of(sign(builder, intermediateKeys.getPrivate()),
                intermediate));
    }

    /** A TNAuthList of one number range. */
    static TnAuthList range(String start, long count) {
        return new TnAuthList(List.of(new TnEntry.Range(start, count)));
    }

    static Path writePem(Path file, List<X509Certificate> certs) {
        TestTls.writePem(file, certs.toArray());
        return file;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return SerialNumbers.random(RANDOM);
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
