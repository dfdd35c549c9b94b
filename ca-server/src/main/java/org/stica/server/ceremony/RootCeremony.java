package org.stica.server.ceremony;

import java.math.BigInteger;
import java.net.URI;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.stica.hsm.KeyVault;
import org.stica.policy.profile.CaSpec;
import org.stica.policy.profile.SerialNumbers;
import org.stica.policy.profile.ShakenCertificateTemplates;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.CaInitializer;
import org.stica.server.ca.CaKeyRecord;
import org.stica.server.ca.CaKeyRole;
import org.stica.server.ca.CaNames;
import org.stica.server.config.StiCaConfig;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * {@code ceremony root}: generates the root P-256 key in the OFFLINE token (alias {@code root}),
 * self-signs the root certificate with the same SHAKEN template as {@code init-ca}
 * ({@link ShakenCertificateTemplates#root}; ATIS-1000080 §6.4.1), binds it to the key in that
 * token, records it in {@code ca_key} and writes {@code <dataDir>/ca/root.pem}. Refuses when a
 * root exists in the token or in {@code ca_key}. Default validity 20 years.
 */
public final class RootCeremony {
    static final int DEFAULT_DAYS = 7300;

    private final SecureRandom random = new SecureRandom();

    public X509Certificate run(CeremonySession session, Transcript transcript) {
        KeyVault offline = session.offline();
        StiCaConfig config = session.server();
        if (offline.contains(CaAliases.ROOT)) {
            throw new CeremonyException("a root key already exists in " + offline.description());
        }
        if (session.caKeys().stream().anyMatch(r -> r.role() == CaKeyRole.ROOT)) {
            throw new CeremonyException("ca_key already records a root: one root per CA");
        }
        URI crlUrl = SubordinateCeremony.crlUrl(config);
        transcript.put("offlineToken", offline.description());
        PublicKey key = offline.generate(CaAliases.ROOT);
        transcript.step("generated P-256 key '" + CaAliases.ROOT + "' in "
                + offline.description() + " (sensitive, not extractable)");
        Instant now = session.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(session.ceremony().validity(DEFAULT_DAYS));
        BigInteger serial = SerialNumbers.random(random);
        String org = config.ca().organization();
        String country = config.ca().country();
        X509Certificate root = CaInitializer.sign(offline, CaAliases.ROOT,
                ShakenCertificateTemplates.root(new CaSpec(Optional.empty(),
                        CaNames.root(org, country), key, serial, now, notAfter,
                        config.ca().policyOid(), crlUrl, CaNames.crlSigner(org, country))));
        SubordinateCeremony.requireSignedBy(root, root);
        transcript.step("self-signed the root certificate (SHAKEN root profile)");
        offline.storeChain(CaAliases.ROOT, List.of(root));
        transcript.step("stored the root certificate next to its key in the offline token");
        new PgCaKeyStore(session.pool()).insertAll(List.of(
                new CaKeyRecord(CaAliases.ROOT, CaKeyRole.ROOT, root))).await();
        transcript.step("recorded the root in ca_key");
        CaInitializer.writePem(config.dataDir().resolve("ca").resolve("root.pem"), List.of(root));
        CaInitializer.writePem(session.transcriptDir().resolve("root.pem"), List.of(root));
        transcript.step("wrote root.pem to " + config.dataDir().resolve("ca") + " and "
                + session.transcriptDir());
        transcript.put("certificate", Transcript.certificate(root, CaAliases.ROOT));
        return root;
    }
}
