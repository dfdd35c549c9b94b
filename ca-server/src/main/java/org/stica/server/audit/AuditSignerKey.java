package org.stica.server.audit;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.hsm.KeyProvisioner;
import org.stica.hsm.KeyProvisioningLock;
import org.stica.hsm.KeyVault;

/**
 * Makes sure the audit checkpoint key {@value #ALIAS} exists in the KeyVault (the HSM in
 * production): on first start it is generated inside the vault and bound to a self-signed
 * certificate that only carries its public key. Kept apart from {@code CaInitializer} so that an
 * existing CA gains the key without re-running {@code init-ca}. Several instances starting at
 * once create it once ({@link KeyProvisioner}: under the provisioning lock, repairing what an
 * interrupted start left). Blocking: start-up only.
 */
public final class AuditSignerKey {
    /** The vault alias of the checkpoint signing key. */
    public static final String ALIAS = "audit-signer";
    private static final Logger LOG = LoggerFactory.getLogger(AuditSignerKey.class);

    private AuditSignerKey() {
    }

    /**
     * Creates the key when missing, holding {@code lock} while it does (the lock every instance
     * on the database takes); returns its public key.
     */
    public static PublicKey ensure(KeyVault vault, KeyProvisioningLock lock, Clock clock) {
        if (new KeyProvisioner(vault, lock).ensure(ALIAS, v -> create(v, clock))) {
            LOG.info("audit checkpoint key '{}' created in {}", ALIAS, vault.description());
        }
        return publicKey(vault);
    }

    private static void create(KeyVault vault, Clock clock) {
        PublicKey key = vault.generate(ALIAS);
        vault.storeChain(ALIAS, List.of(selfSigned(vault, key, clock)));
    }

    /** The checkpoint key's public key, from its stored certificate. */
    public static PublicKey publicKey(KeyVault vault) {
        return vault.chain(ALIAS).orElseThrow(() -> new IllegalStateException(
                "no certificate for '" + ALIAS + "' in " + vault.description()))
                .get(0).getPublicKey();
    }

    private static X509Certificate selfSigned(KeyVault vault, PublicKey key, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500Name("CN=STI-CA audit checkpoint signer");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()).setBit(63), Date.from(now),
                Date.from(now.atOffset(ZoneOffset.UTC).plusYears(20).toInstant()), name, key);
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(vault.provider())
                            .build(vault.privateKey(ALIAS))));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot certify the audit checkpoint key", e);
        }
    }
}
