package org.stica.server.ca;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.hsm.KeyVault;
import org.stica.policy.profile.CaSpec;
import org.stica.policy.profile.CrlDistribution;
import org.stica.policy.profile.CrlDistributionLint;
import org.stica.policy.profile.SerialNumbers;
import org.stica.policy.profile.ShakenCertificateTemplates;
import org.stica.server.config.StiCaConfig;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * {@code init-ca}: generates the root ({@code root}), issuing intermediate
 * ({@code intermediate-1}) and CRL signer ({@code crl-signer}) P-256 keys in the KeyVault, builds
 * their certificates with {@link ShakenCertificateTemplates} (ATIS-1000080 §6.4.1; STANDARDS.md
 * §1.2, §1.3, §6.2), signs them with the vault's provider, binds the chains, records them in
 * {@code ca_key} and writes {@code <dataDir>/ca/root.pem} and {@code chain.pem}. Refuses to run
 * when any CA key or row exists. Blocking: run it from the CLI, never on an event loop.
 *
 * <p>The intermediate's CRLDP names the CA's own CRL and CRL signer, or, under the STI-PA
 * (issue 20), the STI-PA CRL the caller loaded ({@code ecosystemCrl}); the template is linted
 * against it before the root signs ({@link CrlDistributionLint}).
 */
public final class CaInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(CaInitializer.class);
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final KeyVault vault;
    private final PgCaKeyStore store;
    private final StiCaConfig config;
    private final Clock clock;
    private final Optional<CrlDistribution> ecosystemCrl;
    private final SecureRandom random = new SecureRandom();

    /** In a private ecosystem: the intermediate names the CA's own CRL. */
    public CaInitializer(KeyVault vault, PgCaKeyStore store, StiCaConfig config, Clock clock) {
        this(vault, store, config, clock, Optional.empty());
    }

    /**
     * @param ecosystemCrl the CRLDP the intermediate names instead of the CA's own CRL (the
     *                     STI-PA CRL under the STI-PA); empty in a private ecosystem
     */
    public CaInitializer(KeyVault vault, PgCaKeyStore store, StiCaConfig config, Clock clock,
                         Optional<CrlDistribution> ecosystemCrl) {
        this.vault = vault;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.ecosystemCrl = ecosystemCrl;
    }

    /**
     * The CRL URL certificates will name: {@code /crl/shaken.crl} under
     * {@link StiCaConfig#revocationUrl()} ({@code http.plainUrl} when set, else publicUrl).
     */
    public static URI crlUrl(StiCaConfig config) {
        return URI.create(config.revocationUrl().orElse("http://localhost") + CrlPaths.CRL);
    }

    /** Creates the hierarchy; returns it as recorded. */
    public CaHierarchy run() {
        refuseIfInitialised();
        String org = config.ca().organization();
        String country = config.ca().country();
        URI crlUrl = crlUrl(config);
        if (config.revocationUrl().isEmpty()) {
            LOG.warn("publicUrl is not set (http.port is 0): certificates will name the CRL at {}",
                    crlUrl);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);

        PublicKey rootKey = vault.generate(CaAliases.ROOT);
        X509Certificate root = sign(CaAliases.ROOT, ShakenCertificateTemplates.root(spec(
                Optional.empty(), CaNames.root(org, country), rootKey, now, 20, crlUrl,
                CaNames.crlSigner(org, country))));
        vault.storeChain(CaAliases.ROOT, List.of(root));

        PublicKey crlSignerKey = vault.generate(CaAliases.CRL_SIGNER);
        X509Certificate crlSigner = sign(CaAliases.ROOT, ShakenCertificateTemplates.crlSigner(spec(
                Optional.of(root), CaNames.crlSigner(org, country), crlSignerKey, now, 10, crlUrl,
                CaNames.crlSigner(org, country))));
        vault.storeChain(CaAliases.CRL_SIGNER, List.of(crlSigner, root));

        CrlDistribution named = ecosystemCrl.orElseGet(() -> CrlDistribution.of(crlUrl,
                X500Name.getInstance(crlSigner.getSubjectX500Principal().getEncoded())));
        PublicKey intermediateKey = vault.generate(CaAliases.INTERMEDIATE);
        X509v3CertificateBuilder intermediateTemplate = ShakenCertificateTemplates.intermediate(
                spec(Optional.of(root), CaNames.intermediate(org, country), intermediateKey, now,
                        10, named.url(), named.crlIssuer()), config.ca().intermediatePathLen());
        CrlDistributionLint.requireOnTemplate(intermediateTemplate, named);
        X509Certificate intermediate = sign(CaAliases.ROOT, intermediateTemplate);
        vault.storeChain(CaAliases.INTERMEDIATE, List.of(intermediate, root));

        store.insertAll(List.of(
                new CaKeyRecord(CaAliases.ROOT, CaKeyRole.ROOT, root),
                new CaKeyRecord(CaAliases.INTERMEDIATE, CaKeyRole.INTERMEDIATE, intermediate),
                new CaKeyRecord(CaAliases.CRL_SIGNER, CaKeyRole.CRL_SIGNER, crlSigner))).await();
        writePem(config.dataDir().resolve("ca").resolve("root.pem"), List.of(root));
        writePem(config.dataDir().resolve("ca").resolve("chain.pem"), List.of(intermediate, root));
        LOG.info("CA hierarchy created in {}: root '{}', intermediate '{}', CRL signer '{}'",
                vault.description(), root.getSubjectX500Principal().getName(),
                intermediate.getSubjectX500Principal().getName(),
                crlSigner.getSubjectX500Principal().getName());
        return new CaHierarchy(root, intermediate, crlSigner, named.url());
    }

    private void refuseIfInitialised() {
        for (String alias : List.of(CaAliases.ROOT, CaAliases.INTERMEDIATE, CaAliases.CRL_SIGNER)) {
            if (vault.contains(alias)) {
                throw new CaAlreadyInitialisedException("key '" + alias + "' exists in "
                        + vault.description());
            }
        }
        List<CaKeyRecord> rows = store.all().await();
        if (!rows.isEmpty()) {
            throw new CaAlreadyInitialisedException(rows.size() + " row(s) in ca_key");
        }
    }

    private CaSpec spec(Optional<X509Certificate> issuer, X500Name subject, PublicKey key,
                        Instant now, int years, URI crlUrl, X500Name crlIssuer) {
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
        BigInteger serial = SerialNumbers.random(random);
        return new CaSpec(issuer, subject, key, serial, now, notAfter, config.ca().policyOid(),
                crlUrl, crlIssuer);
    }

    private X509Certificate sign(String signerAlias, X509v3CertificateBuilder builder) {
        return sign(vault, signerAlias, builder);
    }

    /** Signs a CA certificate template with {@code signerAlias}'s key (blocking; ECDSA P-256). */
    public static X509Certificate sign(KeyVault vault, String signerAlias,
                                X509v3CertificateBuilder builder) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                    .setProvider(vault.provider()).build(vault.privateKey(signerAlias));
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("signing a CA certificate with '" + signerAlias
                    + "' failed", e);
        }
    }

    /** Writes certificates as PEM; public material only. */
    public static void writePem(Path file, List<X509Certificate> certificates) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toPem(certificates), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** PEM {@code CERTIFICATE} blocks in the given order. */
    public static String toPem(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot PEM-encode certificates", e);
        }
        return out.toString();
    }
}
