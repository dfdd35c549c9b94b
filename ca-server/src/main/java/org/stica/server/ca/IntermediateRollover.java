package org.stica.server.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stica.hsm.KeyVault;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.stica.policy.profile.CaSpec;
import org.stica.policy.profile.CrlDistribution;
import org.stica.policy.profile.CrlDistributionLint;
import org.stica.policy.profile.SerialNumbers;
import org.stica.policy.profile.ShakenCertificateTemplates;
import org.stica.server.config.StiCaConfig;

/**
 * Intermediate rollover (issue 6): generates the next intermediate's P-256 key in the KeyVault
 * ({@code intermediate-<n>}), builds its certificate with the same SHAKEN template as
 * {@code init-ca} ({@link ShakenCertificateTemplates#intermediate}, pathLenConstraint from
 * {@link StiCaConfig.Ca#intermediatePathLen()}, the CRLDP of the configured ecosystem (the
 * CA's own CRL and CRL signer, or the STI-PA CRL under the STI-PA, issue 20; linted before the
 * root signs), subject
 * "... SHAKEN Intermediate CA n"), signs it with the root key, checks the signature and binds
 * the chain. Recording it in {@code ca_key} makes it the active issuer ({@link CaIssuers}).
 * Blocking (HSM calls): run it on a worker thread. Needs the root key in the vault (root online);
 * with the root offline it is refused and {@code ceremony intermediate} does the same work.
 */
public final class IntermediateRollover {
    private static final Pattern GENERATION = Pattern.compile("^intermediate-([0-9]{1,6})$");
    private static final int YEARS = 10;

    /** Why a rollover cannot run; nothing was changed. */
    public static final class RolloverRefused extends RuntimeException {
        public RolloverRefused(String message) {
            super(message);
        }
    }

    private final KeyVault vault;
    private final StiCaConfig.Ca ca;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public IntermediateRollover(KeyVault vault, StiCaConfig.Ca ca, Clock clock) {
        this.vault = vault;
        this.ca = ca;
        this.clock = clock;
    }

    /**
     * Creates the successor of {@code intermediates} (oldest first) under {@code hierarchy},
     * naming {@code crl} in its CRLDP.
     */
    public CaKeyRecord run(CaHierarchy hierarchy, List<CaKeyRecord> intermediates,
                           CrlDistribution crl) {
        if (!vault.contains(CaAliases.ROOT)) {
            throw new RolloverRefused("the root key is offline (not in " + vault.description()
                    + "): a new intermediate needs a key ceremony; run `stica-server ceremony"
                    + " intermediate` with the offline root token");
        }
        int generation = nextGeneration(intermediates);
        String alias = "intermediate-" + generation;
        if (vault.contains(alias)) {
            throw new RolloverRefused("key '" + alias + "' already exists in "
                    + vault.description() + " (a concurrent or interrupted rollover)");
        }
        X509Certificate root = hierarchy.root();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(YEARS).toInstant();
        if (notAfter.isAfter(root.getNotAfter().toInstant())) {
            notAfter = root.getNotAfter().toInstant();
        }
        PublicKey key = vault.generate(alias);
        BigInteger serial = SerialNumbers.random(random);
        CaSpec spec = new CaSpec(Optional.of(root),
                CaNames.intermediate(ca.organization(), ca.country(), generation), key, serial,
                now, notAfter, ca.policyOid(), crl.url(), crl.crlIssuer());
        X509v3CertificateBuilder template = ShakenCertificateTemplates.intermediate(spec,
                ca.intermediatePathLen());
        CrlDistributionLint.requireOnTemplate(template, crl);
        X509Certificate certificate = CaInitializer.sign(vault, CaAliases.ROOT, template);
        try {
            certificate.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the new intermediate does not verify under the root",
                    e);
        }
        vault.storeChain(alias, List.of(certificate, root));
        return new CaKeyRecord(alias, CaKeyRole.INTERMEDIATE, certificate);
    }

    private static int nextGeneration(List<CaKeyRecord> intermediates) {
        int highest = 1;
        for (CaKeyRecord record : intermediates) {
            Matcher m = GENERATION.matcher(record.alias());
            if (m.matches()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        return highest + 1;
    }
}
