package org.stica.server.ceremony;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.stica.hsm.KeyVault;
import org.stica.policy.profile.CaSpec;
import org.stica.policy.profile.CrlDistribution;
import org.stica.policy.profile.CrlDistributionLint;
import org.stica.policy.profile.SerialNumbers;
import org.stica.policy.profile.ShakenCertificateTemplates;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.CaInitializer;
import org.stica.server.ca.CaKeyRecord;
import org.stica.server.ca.CaKeyRole;
import org.stica.server.ca.CaNames;
import org.stica.server.ca.CrlPaths;
import org.stica.server.config.StiCaConfig;
import org.stica.server.ecosystem.EcosystemCrl;
import org.stica.server.ecosystem.StiPaCrlUnknownException;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * {@code ceremony intermediate} and {@code ceremony crl-signer}: the ONLINE token (the server's
 * {@code hsm.*}) generates the P-256 key and signs a PKCS#10 CSR with it (proof of possession);
 * the CSR's signature and public key are checked; the root in the OFFLINE token signs the
 * certificate with the template {@code init-ca} uses ({@link ShakenCertificateTemplates}
 * intermediate, pathLenConstraint from {@code ca.sca.enabled}, or CRL signer; CRLDP
 * {@code publicUrl/crl/shaken.crl}, cRLIssuer the CRL signer); the certificate is verified under
 * the root, bound to the online key ({@link KeyVault#storeChain}: refused unless it certifies
 * exactly that key) and recorded in {@code ca_key}, where {@code serve} finds it (the newest
 * intermediate issues; the newest CRL signer signs the CRL). Under the STI-PA
 * ({@code ecosystem.mode=sti-pa}, issue 20) the intermediate's CRLDP names the STI-PA CRL
 * instead, its issuer copied as DER from the CRL downloaded and verified before any key is
 * made ({@link EcosystemCrl#forSetUp}); the template is linted against the ecosystem's CRL
 * before the root signs. Aliases: {@code intermediate-<n>}
 * (n one above the highest recorded), {@code crl-signer} then {@code crl-signer-<n>}. Default
 * validity 10 years, never beyond the root.
 */
public final class SubordinateCeremony {
    static final int DEFAULT_DAYS = 3650;
    private static final Pattern GENERATION = Pattern.compile("^(?:intermediate|crl-signer)-"
            + "([0-9]{1,6})$");

    private final CaKeyRole role;
    private final SecureRandom random = new SecureRandom();

    /** @param role {@code INTERMEDIATE} or {@code CRL_SIGNER} */
    public SubordinateCeremony(CaKeyRole role) {
        if (role == CaKeyRole.ROOT) {
            throw new IllegalArgumentException("the root has its own ceremony");
        }
        this.role = role;
    }

    public X509Certificate run(CeremonySession session, Transcript transcript) {
        StiCaConfig config = session.server();
        KeyVault online = session.online();
        X509Certificate root = session.root();
        List<CaKeyRecord> keys = session.caKeys();
        int generation = nextGeneration(keys);
        String alias = role == CaKeyRole.INTERMEDIATE ? "intermediate-" + generation
                : generation == 1 ? CaAliases.CRL_SIGNER : "crl-signer-" + generation;
        if (online.contains(alias)) {
            throw new CeremonyException("key '" + alias + "' already exists in "
                    + online.description() + " (an interrupted ceremony?)");
        }
        CrlDistribution named = crlDistribution(session, transcript);
        transcript.put("offlineToken", session.offline().description())
                .put("onlineToken", online.description())
                .put("signedBy", Transcript.certificate(root, CaAliases.ROOT));
        if (online.contains(CaAliases.ROOT)) {
            transcript.step("WARNING: the online token also holds a root key; serve refuses it"
                    + " unless ca.rootOnline=true");
        }
        String org = config.ca().organization();
        String country = config.ca().country();
        X500Name subject = role == CaKeyRole.INTERMEDIATE
                ? CaNames.intermediate(org, country, generation) : CaNames.crlSigner(org, country);
        JcaPKCS10CertificationRequest csr = OnlineKey.generateWithCsr(online, alias, subject,
                transcript);
        Instant now = session.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = session.notAfter(now, DEFAULT_DAYS, root);
        BigInteger serial = SerialNumbers.random(random);
        CaSpec spec = new CaSpec(Optional.of(root), subject, OnlineKey.publicKey(csr), serial, now,
                notAfter, config.ca().policyOid(), named.url(), named.crlIssuer());
        X509v3CertificateBuilder template;
        if (role == CaKeyRole.INTERMEDIATE) {
            template = ShakenCertificateTemplates.intermediate(spec,
                    config.ca().intermediatePathLen());
            CrlDistributionLint.requireOnTemplate(template, named);
        } else {
            template = ShakenCertificateTemplates.crlSigner(spec);
        }
        X509Certificate certificate = CaInitializer.sign(session.offline(), CaAliases.ROOT,
                template);
        requireSignedBy(certificate, root);
        transcript.step("the root in the offline token signed the " + role.dbValue()
                + " certificate (SHAKEN profile); it verifies under the root");
        OnlineKey.bind(online, alias, List.of(certificate, root), transcript);
        new PgCaKeyStore(session.pool()).insertAll(List.of(
                new CaKeyRecord(alias, role, certificate))).await();
        transcript.step("recorded '" + alias + "' in ca_key");
        if (role == CaKeyRole.INTERMEDIATE) {
            CaInitializer.writePem(config.dataDir().resolve("ca").resolve("chain.pem"),
                    List.of(certificate, root));
            transcript.step("wrote chain.pem to " + config.dataDir().resolve("ca"));
        }
        transcript.put("certificate", Transcript.certificate(certificate, alias));
        return certificate;
    }

    /**
     * The CRLDP of the certificate: the CA's own CRL and CRL signer, or under the STI-PA the
     * STI-PA CRL (downloaded and verified now; a CRL signer's certificate names none).
     */
    private CrlDistribution crlDistribution(CeremonySession session, Transcript transcript) {
        StiCaConfig config = session.server();
        CrlDistribution own = CrlDistribution.of(crlUrl(config), CaNames.crlSigner(
                config.ca().organization(), config.ca().country()));
        if (role != CaKeyRole.INTERMEDIATE) {
            return own;
        }
        Optional<CrlDistribution> ecosystem;
        try {
            ecosystem = EcosystemCrl.forSetUp(session.vertx(), session.pool(), config,
                    session.clock());
        } catch (StiPaCrlUnknownException e) {
            throw new CeremonyException(e.getMessage());
        }
        ecosystem.ifPresent(point -> transcript.step("under the STI-PA (ecosystem.mode=sti-pa)"
                + " the intermediate names the STI-PA CRL " + point.url() + " with cRLIssuer "
                + point.crlIssuer() + ", copied as DER from that CRL as downloaded and"
                + " verified under the STI-PA roots"));
        return ecosystem.orElse(own);
    }

    /**
     * The CRL URL the CA's own certificates name: {@code /crl/shaken.crl} under
     * {@code http.plainUrl} when set, else under publicUrl; one of them is required.
     */
    static URI crlUrl(StiCaConfig config) {
        if (config.revocationUrl().isEmpty()) {
            throw new CeremonyException("publicUrl (STICA_PUBLIC_URL) must be set: CA"
                    + " certificates name the CRL at publicUrl" + CrlPaths.CRL
                    + " (or at http.plainUrl" + CrlPaths.CRL + " when that is set)");
        }
        return CaInitializer.crlUrl(config);
    }

    static void requireSignedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CeremonyException("the new certificate does not verify under "
                    + issuer.getSubjectX500Principal().getName());
        }
    }

    private int nextGeneration(List<CaKeyRecord> keys) {
        int highest = 0;
        for (CaKeyRecord record : keys) {
            if (record.role() != role) {
                continue;
            }
            Matcher m = GENERATION.matcher(record.alias());
            highest = Math.max(highest, m.matches() ? Integer.parseInt(m.group(1)) : 1);
        }
        return highest + 1;
    }
}
