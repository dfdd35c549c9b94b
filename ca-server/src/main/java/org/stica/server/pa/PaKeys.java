package org.stica.server.pa;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.stica.hsm.KeyProvisioner;
import org.stica.hsm.KeyProvisioningLock;
import org.stica.hsm.KeyVault;
import org.stica.policy.profile.CaSpec;
import org.stica.policy.profile.SerialNumbers;
import org.stica.policy.profile.ShakenCertificateTemplates;
import org.stica.server.ca.CaNames;

/**
 * The STI-PA's keys in the KeyVault (STANDARDS.md §4.1 item 5): a self-signed PA root
 * ({@value #ROOT}), the SPC token signer ({@value #SIGNER}, KU digitalSignature) and the PA CRL
 * signer ({@value #CRL_SIGNER}, KU cRLSign) certified under it; each created on the first start
 * in PA role that lacks it. Several instances starting at once create each key once
 * ({@link KeyProvisioner}: under the provisioning lock, repairing what an interrupted start
 * left). Blocking: start-up only.
 */
public final class PaKeys {
    /** The PA root key alias. */
    public static final String ROOT = "pa-root";
    /** The SPC token and CA list signing key alias. */
    public static final String SIGNER = "pa-signer";
    /** The PA CRL signing key alias (STANDARDS.md §4.2 item 3: a separate CRL signer). */
    public static final String CRL_SIGNER = "pa-crl-signer";
    /** Default validity of the PA root, in days. */
    public static final int ROOT_DAYS = 3650;
    /** Default validity of the PA signer and CRL signer, in days. */
    public static final int SUBORDINATE_DAYS = 825;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate root;
    private final X509Certificate signer;
    private final X509Certificate crlSigner;

    private PaKeys(X509Certificate root, X509Certificate signer, X509Certificate crlSigner) {
        this.root = root;
        this.signer = signer;
        this.crlSigner = crlSigner;
    }

    /**
     * Creates the PA root, signer and CRL signer when missing, holding {@code lock} while it does
     * (the lock every instance on the database takes); returns their certificates.
     */
    public static PaKeys ensure(KeyVault vault, KeyProvisioningLock lock, String organization,
                                Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        KeyProvisioner provisioner = new KeyProvisioner(vault, lock);
        provisioner.ensure(ROOT, v -> createRoot(v, organization, now));
        X509Certificate root = vault.chain(ROOT).orElseThrow().get(0);
        provisioner.ensure(SIGNER, v -> createUnderRoot(v, SIGNER, organization, root, now));
        provisioner.ensure(CRL_SIGNER, v -> createUnderRoot(v, CRL_SIGNER, organization, root,
                now));
        return new PaKeys(root, vault.chain(SIGNER).orElseThrow().get(0),
                vault.chain(CRL_SIGNER).orElseThrow().get(0));
    }

    /**
     * The PA keys a ceremony made (issue 16: the PA root offline): {@value #SIGNER} and
     * {@value #CRL_SIGNER} each stored in {@code vault} with their chain to the same PA root;
     * empty when either is missing.
     *
     * @throws IllegalStateException when their chains do not end in the same PA root
     */
    public static Optional<PaKeys> load(KeyVault vault) {
        Optional<List<X509Certificate>> signer = vault.chain(SIGNER);
        Optional<List<X509Certificate>> crlSigner = vault.chain(CRL_SIGNER);
        if (signer.isEmpty() || crlSigner.isEmpty() || signer.get().size() < 2
                || crlSigner.get().size() < 2) {
            return Optional.empty();
        }
        X509Certificate root = signer.get().get(signer.get().size() - 1);
        if (!root.equals(crlSigner.get().get(crlSigner.get().size() - 1))) {
            throw new IllegalStateException("'" + SIGNER + "' and '" + CRL_SIGNER + "' in "
                    + vault.description() + " chain to different STI-PA roots");
        }
        return Optional.of(new PaKeys(root, signer.get().get(0), crlSigner.get().get(0)));
    }

    /** The PA root's subject, as every PA root here has it. */
    public static X500Name rootName(String organization) {
        return CaNames.name(organization, "US", organization + " STI-PA Root");
    }

    /** The subject of the PA key {@code alias} ({@value #SIGNER} or {@value #CRL_SIGNER}). */
    public static X500Name subordinateName(String alias, String organization) {
        return switch (alias) {
            case SIGNER -> CaNames.name(organization, "US", organization + " SPC Token Signer");
            case CRL_SIGNER -> CaNames.name(organization, "US", organization + " STI-PA CRL");
            default -> throw new IllegalArgumentException("not a PA subordinate key: " + alias);
        };
    }

    /**
     * The self-signed PA root certificate for {@code key}, signed by {@value #ROOT} in
     * {@code vault} (SHAKEN root template).
     */
    public static X509Certificate certifyRoot(KeyVault vault, PublicKey key, String organization,
                                              Instant now, Duration validity) {
        CaSpec spec = new CaSpec(Optional.empty(), rootName(organization), key, serial(), now,
                now.plus(validity), null, null, null);
        return sign(vault, ROOT, ShakenCertificateTemplates.root(spec));
    }

    /**
     * The certificate of the PA key {@code alias} (KU digitalSignature+cRLSign, not a CA) for
     * {@code key}, signed by {@value #ROOT} in {@code rootVault}.
     */
    public static X509Certificate certifyUnderRoot(KeyVault rootVault, String alias,
                                                   PublicKey key, String organization,
                                                   X509Certificate root, Instant now,
                                                   Duration validity) {
        CaSpec spec = new CaSpec(Optional.of(root), subordinateName(alias, organization), key,
                serial(), now, now.plus(validity), null, null, null);
        return sign(rootVault, ROOT, ShakenCertificateTemplates.crlSigner(spec));
    }

    private static void createRoot(KeyVault vault, String organization, Instant now) {
        PublicKey key = vault.generate(ROOT);
        vault.storeChain(ROOT, List.of(certifyRoot(vault, key, organization, now,
                Duration.ofDays(ROOT_DAYS))));
    }

    /** A non-CA key {@code alias} (KU digitalSignature+cRLSign) certified by the PA root. */
    private static void createUnderRoot(KeyVault vault, String alias, String organization,
                                        X509Certificate root, Instant now) {
        PublicKey key = vault.generate(alias);
        vault.storeChain(alias, List.of(certifyUnderRoot(vault, alias, key, organization, root,
                now, Duration.ofDays(SUBORDINATE_DAYS)), root));
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate signer() {
        return signer;
    }

    /** The PA CRL signer certificate (KU cRLSign, under the PA root). */
    public X509Certificate crlSigner() {
        return crlSigner;
    }

    private static BigInteger serial() {
        return SerialNumbers.random(RANDOM);
    }

    private static X509Certificate sign(KeyVault vault, String alias,
                                        X509v3CertificateBuilder builder) {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(vault.provider()).build(vault.privateKey(alias));
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("certifying the STI-PA key '" + alias + "' failed", e);
        }
    }
}
