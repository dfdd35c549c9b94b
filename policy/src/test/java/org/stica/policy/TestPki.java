package org.stica.policy;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.stica.policy.profile.CaSpec;
import org.stica.policy.profile.EndEntitySpec;
import org.stica.policy.profile.SubscriberName;
import org.stica.policy.profile.SerialNumbers;
import org.stica.policy.profile.ShakenCertificateTemplates;

/** Test fixture: P-256 keys and small certificate hierarchies built with the SHAKEN templates. */
public final class TestPki {
    /** SHAKEN CP v1.4 (STANDARDS.md §1.1 item 9). */
    public static final String CP_1_4 = "2.16.840.1.114569.1.1.4";
    public static final URI CRL_URI = URI.create("https://pa.example.test/download/v1/crl");
    /** cRLIssuer L,ST,CN,C,O as UTF8String, copied as DER from STANDARDS.md §7.2. */
    public static final X500Name CRL_ISSUER = X500Name.getInstance(HexFormat.of().parseHex(
            "30563114301206035504070c0b4272696467657761746572310b300906035504080c024e4a3113"
                    + "301106035504030c0a5354492d50412043524c310b3009060355040613025553310f300d0603"
                    + "55040a0c065354492d5041"));

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    public static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair p256() {
        return ecKeyPair("secp256r1");
    }

    public static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BigInteger serial() {
        return SerialNumbers.random(RANDOM);
    }

    public static X509CertificateHolder signHolder(X509v3CertificateBuilder builder,
                                                   PrivateKey key) {
        return signHolder(builder, key, "SHA256withECDSA");
    }

    public static X509CertificateHolder signHolder(X509v3CertificateBuilder builder,
                                                   PrivateKey key, String algorithm) {
        try {
            return builder.build(new JcaContentSignerBuilder(algorithm).build(key));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate toCertificate(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        return toCertificate(signHolder(builder, key));
    }

    /** A self-signed root from the SHAKEN root template. */
    public static X509Certificate root(String dn, KeyPair keys, Instant notBefore,
                                       Instant notAfter) {
        CaSpec spec = new CaSpec(Optional.empty(), new X500Name(dn), keys.getPublic(), serial(),
                notBefore, notAfter, null, null, null);
        return sign(ShakenCertificateTemplates.root(spec), keys.getPrivate());
    }

    /** An issuing CA certificate and its key pair. */
    public record Issuer(KeyPair keys, X509Certificate certificate) {
    }

    /** A SHAKEN intermediate under a fresh root, both valid around {@code now}. */
    public static Issuer shakenIntermediate(Instant now) {
        KeyPair rootKeys = p256();
        X509Certificate root = root("C=US, O=Example STI-CA, CN=Example SHAKEN Root CA",
                rootKeys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(7300)));
        KeyPair keys = p256();
        return new Issuer(keys, intermediate("C=US, O=Example STI-CA, CN=Example SHAKEN"
                + " Intermediate", keys, root, rootKeys.getPrivate(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650))));
    }

    /** An intermediate from the SHAKEN intermediate template. */
    public static X509Certificate intermediate(String dn, KeyPair keys, X509Certificate issuer,
                                               PrivateKey issuerKey, Instant notBefore,
                                               Instant notAfter) {
        CaSpec spec = new CaSpec(Optional.of(issuer), new X500Name(dn), keys.getPublic(),
                serial(), notBefore, notAfter, CP_1_4, CRL_URI, CRL_ISSUER);
        return sign(ShakenCertificateTemplates.intermediate(spec), issuerKey);
    }

    /** A non-CA signing certificate (the CRL-signer template: KU digitalSignature+cRLSign). */
    public static X509Certificate leaf(String dn, KeyPair keys, X509Certificate issuer,
                                       PrivateKey issuerKey, Instant notBefore,
                                       Instant notAfter) {
        CaSpec spec = new CaSpec(Optional.of(issuer), new X500Name(dn), keys.getPublic(),
                serial(), notBefore, notAfter, null, null, null);
        return sign(ShakenCertificateTemplates.crlSigner(spec), issuerKey);
    }

    /** The spec of a valid SHAKEN end-entity certificate for SPC {@code spc}. */
    public static EndEntitySpec endEntitySpec(X509Certificate issuer, KeyPair subject, String spc,
                                              Instant notBefore, Instant notAfter) {
        return new EndEntitySpec(issuer, subject.getPublic(), serial(), spc,
                new SubscriberName("Example Telecom", "US", Optional.empty(), Optional.empty()),
                Optional.empty(), notBefore, notAfter, CP_1_4, CRL_URI, CRL_ISSUER);
    }
}
