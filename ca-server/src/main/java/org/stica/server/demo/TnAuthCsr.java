package org.stica.server.demo;

import java.security.KeyPair;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Builds the CSR a SHAKEN client sends at finalize (STANDARDS.md §3.6): TNAuthList + BC cA false. */
public final class TnAuthCsr {
    /** id-pe-TNAuthList, RFC 8226 §9. */
    public static final ASN1ObjectIdentifier TN_AUTH_LIST = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.26");

    private TnAuthCsr() {
    }

    public static byte[] build(KeyPair key, byte[] tnAuthListDer) throws java.io.IOException, org.bouncycastle.operator.OperatorCreationException {
        Extensions extensions = new Extensions(new Extension[] {
            new Extension(TN_AUTH_LIST, false, new DEROctetString(tnAuthListDer)),
            new Extension(Extension.basicConstraints, true,
                    new DEROctetString(new BasicConstraints(false).getEncoded()))
        });
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=SHAKEN"), key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                .getEncoded();
    }
}
