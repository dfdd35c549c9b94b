package org.stica.server.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.policy.token.AccountKeyFingerprints;

/** A throw-away STI-PA: a root, a token-signing certificate under it, and SPC tokens. */
final class TestStiPa {
    final X509Certificate root;
    final X509Certificate signer;
    private final KeyPair signerKeys;

    TestStiPa() throws Exception {
        KeyPair rootKeys = p256();
        signerKeys = p256();
        Instant now = Instant.now();
        X500Name rootName = new X500Name("C=US,O=Test STI-PA,CN=Test STI-PA Root");
        root = certificate(rootName, rootKeys, rootName, rootKeys.getPublic(), true, now);
        X500Name signerName = new X500Name("C=US,O=Test STI-PA,CN=Test SPC Signer");
        signer = certificate(rootName, rootKeys, signerName, signerKeys.getPublic(), false, now);
    }

    /** A compact SPC token for {@code spc}, bound to {@code accountKey}, served at {@code x5u}. */
    String token(URI x5u, String jti, String spc, PublicKey accountKey) throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).x509CertURL(x5u).build();
        Map<String, Object> atc = Map.of("tktype", "TNAuthList",
                "tkvalue", TnAuthListCodec.toText(TnAuthListCodec.encode(
                        org.stica.policy.tnauth.TnAuthList.ofSpc(spc))),
                "ca", false,
                "fingerprint", AccountKeyFingerprints.jwkThumbprintForm(accountKey));
        Map<String, Object> claims = Map.of("exp", Instant.now().plusSeconds(3600).getEpochSecond(),
                "jti", jti, "atc", atc);
        JWSObject jws = new JWSObject(header, new Payload(claims));
        jws.sign(new ECDSASigner((ECPrivateKey) signerKeys.getPrivate()));
        return jws.serialize();
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(X500Name issuer, KeyPair issuerKeys,
                                               X500Name subject, PublicKey subjectKey, boolean ca,
                                               Instant now)
            throws Exception {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(now.toEpochMilli() + (ca ? 0 : 1)),
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)), subject,
                subjectKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                .addExtension(Extension.keyUsage, true, new KeyUsage(ca
                        ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(subjectKey))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
