package org.stica.server.trust;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test fixture: an STI-PA root, a signer under it, CRLs and signed CA lists. */
final class TrustPki {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    final KeyPair rootKeys;
    final X509Certificate root;
    final KeyPair signerKeys;
    final X509Certificate signer;

    TrustPki(String name) throws Exception {
        rootKeys = p256();
        X500Name rootName = new X500Name("C=US,O=" + name + ",CN=" + name + " Root");
        root = certificate(rootName, rootKeys, rootName, rootKeys.getPublic(), true);
        signerKeys = p256();
        signer = certificate(rootName, rootKeys,
                new X500Name("C=US,O=" + name + ",CN=" + name + " Signer"),
                signerKeys.getPublic(), false);
    }

    /** A CRL of the root numbered {@code number} listing {@code revoked}. */
    X509CRL crl(long number, List<X509Certificate> revoked) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                Date.from(now.minusSeconds(60)));
        builder.setNextUpdate(Date.from(now.plusSeconds(86400)));
        builder.addExtension(Extension.cRLNumber, false,
                new ASN1Integer(BigInteger.valueOf(number)));
        for (X509Certificate cert : revoked) {
            builder.addCRLEntry(cert.getSerialNumber(), Date.from(now.minusSeconds(60)),
                    CRLReason.keyCompromise);
        }
        return new JcaX509CRLConverter().getCRL(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
    }

    /** A CA list JWS signed by the signer, naming {@code x5u}. */
    String caList(long sequence, URI x5u, X509Certificate approved) throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("version", "1");
        payload.put("sequence", sequence);
        payload.put("exp", Instant.now().plusSeconds(86400).getEpochSecond());
        payload.put("trustList", List.of(pem(approved)));
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).x509CertURL(x5u)
                .build(), new Payload(payload));
        jws.sign(new ECDSASigner((ECPrivateKey) signerKeys.getPrivate()));
        return jws.serialize();
    }

    static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    static String base64(X509Certificate cert) throws Exception {
        return Base64.getEncoder().encodeToString(cert.getEncoded());
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static X509Certificate certificate(X500Name issuer, KeyPair issuerKeys, X500Name subject,
                                       PublicKey subjectKey, boolean ca) throws Exception {
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)), subject,
                subjectKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                .addExtension(Extension.keyUsage, true, new KeyUsage(ca
                        ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature))
                .build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .build(issuerKeys.getPrivate())));
    }
}
