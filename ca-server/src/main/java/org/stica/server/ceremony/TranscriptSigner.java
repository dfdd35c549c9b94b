package org.stica.server.ceremony;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.stica.hsm.KeyVault;

/**
 * Signs a {@link Transcript} with the root key in the offline token: a detached CMS SignedData
 * (RFC 5652; Bouncy Castle, the vault's provider signs) with the root certificate included.
 * Every ceremony, the root's own included, is signed by the root, so the server accepts exactly
 * the records its root signed. Blocking (HSM call).
 */
public final class TranscriptSigner {
    private TranscriptSigner() {
    }

    public static SignedTranscript sign(Transcript transcript, KeyVault vault, String alias,
                                        X509Certificate certificate) {
        String text = transcript.text();
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(vault.provider()).build(vault.privateKey(alias));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build()).build(signer, certificate));
            generator.addCertificates(new JcaCertStore(List.of(certificate)));
            byte[] der = generator.generate(new CMSProcessableByteArray(
                    text.getBytes(StandardCharsets.UTF_8)), false).getEncoded();
            return new SignedTranscript(text, der);
        } catch (OperatorCreationException | CertificateEncodingException | CMSException
                 | IOException e) {
            throw new IllegalStateException("signing the ceremony transcript with '" + alias
                    + "' failed", e);
        }
    }
}
