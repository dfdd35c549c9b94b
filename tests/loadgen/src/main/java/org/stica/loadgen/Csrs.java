package org.stica.loadgen;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** PKCS#10 requests and the TNAuthList DER, built with Bouncy Castle. */
final class Csrs {
    /** id-pe-TNAuthList, RFC 8226 §9. */
    static final ASN1ObjectIdentifier TN_AUTH_LIST = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.26");

    private Csrs() {
    }

    /** TNAuthList with one SPC entry: {@code SEQUENCE { [0] EXPLICIT IA5String }} (RFC 8226 §9). */
    static byte[] tnAuthList(String spc) {
        try {
            return new DERSequence(new DERTaggedObject(true, 0, new DERIA5String(spc)))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHAKEN CSR (STANDARDS.md §3.6): TNAuthList and a critical BasicConstraints cA false. */
    static byte[] shaken(KeyPair key, byte[] tnAuthListDer) {
        return build(key, new X500Name("CN=SHAKEN"), List.of(
                new Extension(TN_AUTH_LIST, false, tnAuthListDer.clone()),
                extension(Extension.basicConstraints, true, new BasicConstraints(false))));
    }

    /** A plain TLS-style CSR for one DNS name (CN and subjectAltName). */
    static byte[] dns(KeyPair key, String name) {
        return build(key, new X500Name("CN=" + name), List.of(extension(
                Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, name)))));
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] build(KeyPair key, X500Name subject, List<Extension> extensions) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                            new Extensions(extensions.toArray(Extension[]::new)))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                    .getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build a CSR", e);
        }
    }

    static KeyPair certificateKey() {
        try {
            return AccountKey.p256();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
