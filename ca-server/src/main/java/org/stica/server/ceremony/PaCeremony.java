package org.stica.server.ceremony;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.stica.hsm.KeyVault;
import org.stica.server.ca.CaInitializer;
import org.stica.server.pa.PaKeys;

/**
 * The STI-PA role's ceremonies (issue 16), with the same templates and names as
 * {@link PaKeys#ensure}: {@code ceremony pa-root} generates {@value PaKeys#ROOT} in the OFFLINE
 * token and self-signs it ({@code <org> STI-PA Root}, default 10 years) and writes
 * {@code pa-root.pem}; {@code ceremony pa-signer} and {@code ceremony pa-crl-signer} have the
 * ONLINE token generate {@value PaKeys#SIGNER} / {@value PaKeys#CRL_SIGNER} and a CSR
 * ({@link OnlineKey}), the offline PA root signs the certificate (default 825 days, never beyond
 * the PA root) and the chain is stored next to the online key. The PA keys are not in
 * {@code ca_key}: {@code serve} reads them from its token. Refuses a key that already exists, and
 * a PA root other than the one the other online PA key chains to.
 */
public final class PaCeremony {
    private PaCeremony() {
    }

    /** {@code ceremony pa-root}. */
    public static X509Certificate root(CeremonySession session, Transcript transcript) {
        KeyVault offline = session.offline();
        if (offline.contains(PaKeys.ROOT)) {
            throw new CeremonyException("an STI-PA root key already exists in "
                    + offline.description());
        }
        transcript.put("offlineToken", offline.description());
        PublicKey key = offline.generate(PaKeys.ROOT);
        transcript.step("generated P-256 key '" + PaKeys.ROOT + "' in " + offline.description()
                + " (sensitive, not extractable)");
        Instant now = session.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate root = PaKeys.certifyRoot(offline, key,
                session.server().ca().organization(), now,
                session.ceremony().validity(PaKeys.ROOT_DAYS));
        SubordinateCeremony.requireSignedBy(root, root);
        transcript.step("self-signed the STI-PA root certificate (SHAKEN root profile)");
        offline.storeChain(PaKeys.ROOT, List.of(root));
        transcript.step("stored the STI-PA root certificate next to its key in the offline"
                + " token");
        CaInitializer.writePem(session.transcriptDir().resolve("pa-root.pem"), List.of(root));
        transcript.step("wrote pa-root.pem to " + session.transcriptDir());
        transcript.put("certificate", Transcript.certificate(root, PaKeys.ROOT));
        return root;
    }

    /** {@code ceremony pa-signer} ({@code alias} {@value PaKeys#SIGNER}) or pa-crl-signer. */
    public static X509Certificate subordinate(String alias, CeremonySession session,
                                              Transcript transcript) {
        KeyVault online = session.online();
        X509Certificate root = session.paRoot();
        if (online.contains(alias)) {
            throw new CeremonyException("key '" + alias + "' already exists in "
                    + online.description());
        }
        String other = PaKeys.SIGNER.equals(alias) ? PaKeys.CRL_SIGNER : PaKeys.SIGNER;
        Optional<List<X509Certificate>> otherChain = online.chain(other);
        if (otherChain.isPresent() && !root.equals(otherChain.get()
                .get(otherChain.get().size() - 1))) {
            throw new CeremonyException("'" + other + "' in " + online.description()
                    + " chains to another STI-PA root than the one in "
                    + session.offline().description());
        }
        transcript.put("offlineToken", session.offline().description())
                .put("onlineToken", online.description())
                .put("signedBy", Transcript.certificate(root, PaKeys.ROOT));
        if (online.contains(PaKeys.ROOT)) {
            transcript.step("WARNING: the online token also holds an STI-PA root key; serve"
                    + " refuses it unless ca.rootOnline=true");
        }
        String org = session.server().ca().organization();
        X500Name subject = PaKeys.subordinateName(alias, org);
        JcaPKCS10CertificationRequest csr = OnlineKey.generateWithCsr(online, alias, subject,
                transcript);
        Instant now = session.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = session.notAfter(now, PaKeys.SUBORDINATE_DAYS, root);
        X509Certificate certificate = PaKeys.certifyUnderRoot(session.offline(), alias,
                OnlineKey.publicKey(csr), org, root, now,
                java.time.Duration.between(now, notAfter));
        SubordinateCeremony.requireSignedBy(certificate, root);
        transcript.step("the STI-PA root in the offline token signed the '" + alias
                + "' certificate; it verifies under the STI-PA root");
        OnlineKey.bind(online, alias, List.of(certificate, root), transcript);
        transcript.put("certificate", Transcript.certificate(certificate, alias));
        return certificate;
    }
}
