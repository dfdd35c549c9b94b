package org.stica.server.ceremony;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.stica.hsm.KeyVault;

/**
 * The steps every ceremony that certifies an ONLINE key shares (CA intermediate and CRL signer,
 * PA signer and PA CRL signer): the online token generates the key and signs a PKCS#10 CSR with
 * it (proof of possession; signature and public key checked, its SHA-256 in the transcript); the
 * certificate, made from the CSR's key and signed offline, is then stored next to the online key
 * ({@link KeyVault#storeChain}: refused unless it certifies exactly that key) and read back.
 */
final class OnlineKey {
    private OnlineKey() {
    }

    /** Generates {@code alias} in {@code online}; returns its checked CSR for {@code subject}. */
    static JcaPKCS10CertificationRequest generateWithCsr(KeyVault online, String alias,
                                                         X500Name subject,
                                                         Transcript transcript) {
        PublicKey generated = online.generate(alias);
        transcript.step("generated P-256 key '" + alias + "' in " + online.description()
                + " (sensitive, not extractable)");
        JcaPKCS10CertificationRequest csr = csr(online, alias, subject, generated);
        transcript.step("the online key signed a CSR for " + subject + "; its signature"
                + " verifies (proof of possession)")
                .put("csrSha256", Transcript.sha256(encoded(csr)));
        return csr;
    }

    /** Stores {@code chain} next to the online key {@code alias} and checks it was kept. */
    static void bind(KeyVault online, String alias, List<X509Certificate> chain,
                     Transcript transcript) {
        online.storeChain(alias, chain);
        List<X509Certificate> stored = online.chain(alias).orElseThrow();
        if (!Arrays.equals(CeremonySession.encoded(stored.get(0)),
                CeremonySession.encoded(chain.get(0)))) {
            throw new CeremonyException("the online token did not keep the certificate of '"
                    + alias + "'");
        }
        transcript.step("imported the certificate next to the online key '" + alias
                + "' (binding checked: it certifies exactly that key)");
    }

    /** The CSR's public key. */
    static PublicKey publicKey(JcaPKCS10CertificationRequest csr) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                    csr.getSubjectPublicKeyInfo().getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new CeremonyException("cannot read the CSR's public key");
        }
    }

    private static JcaPKCS10CertificationRequest csr(KeyVault vault, String alias,
                                                     X500Name subject, PublicKey key) {
        try {
            JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(
                    new JcaPKCS10CertificationRequestBuilder(subject, key).build(
                            new JcaContentSignerBuilder("SHA256withECDSA")
                                    .setProvider(vault.provider()).build(vault.privateKey(alias))));
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(publicKey(csr)))
                    || !Arrays.equals(publicKey(csr).getEncoded(), key.getEncoded())) {
                throw new CeremonyException("the CSR of '" + alias + "' does not verify");
            }
            return csr;
        } catch (OperatorCreationException | PKCSException e) {
            throw new CeremonyException("cannot make or check the CSR of '" + alias + "': "
                    + e.getMessage());
        }
    }

    private static byte[] encoded(JcaPKCS10CertificationRequest csr) {
        try {
            return csr.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CSR", e);
        }
    }
}
