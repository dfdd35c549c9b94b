package org.stica.server.ceremony;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultConfig;
import org.stica.hsm.KeyVaultFactory;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.CaKeyRecord;
import org.stica.server.ca.CaKeyRole;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.StiCaConfig;
import org.stica.server.pa.PaKeys;
import org.stica.server.schema.SchemaMigrator;
import org.stica.server.store.pg.PgCaKeyStore;
import org.stica.server.store.pg.PgPools;

/**
 * What a ceremony works with (issue 16): the server configuration, the ceremony's own settings,
 * the OFFLINE token holding the root, the ONLINE token (the server's {@code hsm.*}) when the
 * ceremony makes an online key, and the database (schema migrated first). Refuses an offline
 * token that is the online token. Blocking: run from the CLI, never on an event loop.
 */
public final class CeremonySession implements AutoCloseable {
    private final StiCaConfig server;
    private final CeremonyConfig ceremony;
    private final Clock clock;
    private final KeyVault offline;
    private final Optional<KeyVault> online;
    private final Vertx vertx;
    private final Pool pool;

    private CeremonySession(StiCaConfig server, CeremonyConfig ceremony, Clock clock,
                            KeyVault offline, Optional<KeyVault> online, Vertx vertx, Pool pool) {
        this.server = server;
        this.ceremony = ceremony;
        this.clock = clock;
        this.offline = offline;
        this.online = online;
        this.vertx = vertx;
        this.pool = pool;
    }

    /** @param withOnline whether the ceremony needs the online token (intermediate, CRL signer) */
    public static CeremonySession open(StiCaConfig server, CeremonyConfig ceremony, Clock clock,
                                       boolean withOnline) {
        refuseSameToken(server, ceremony);
        SchemaMigrator.migrate(server.database());
        KeyVault offline = KeyVaultFactory.open(new KeyVaultConfig(
                Optional.of(ceremony.offlineToken()), Path.of("unused"), new char[0]));
        Optional<KeyVault> online = Optional.empty();
        Vertx vertx = null;
        try {
            online = withOnline ? Optional.of(KeyVaultFactory.open(
                    KeyVaultSettings.forInit(server))) : Optional.empty();
            vertx = Vertx.vertx();
            return new CeremonySession(server, ceremony, clock, offline, online, vertx,
                    PgPools.create(vertx, server.database()));
        } catch (RuntimeException e) {
            online.ifPresent(KeyVault::close);
            offline.close();
            if (vertx != null) {
                vertx.close().await();
            }
            throw e;
        }
    }

    private static void refuseSameToken(StiCaConfig server, CeremonyConfig ceremony) {
        StiCaConfig.Hsm hsm = server.hsm();
        boolean sameLabel = hsm.tokenLabel().isPresent()
                && hsm.tokenLabel().equals(ceremony.tokenLabel());
        boolean sameSlot = hsm.slot().isPresent() && hsm.slot().equals(ceremony.slot())
                && hsm.library().map(ceremony.library()::equals).orElse(false);
        if (hsm.library().isPresent() && (sameLabel || sameSlot)) {
            throw new CeremonyException("the offline token is the server's online token ("
                    + ceremony.tokenLabel().orElse("slot " + ceremony.slot()) + "): the root"
                    + " must live in a separate, offline token");
        }
    }

    public StiCaConfig server() {
        return server;
    }

    public CeremonyConfig ceremony() {
        return ceremony;
    }

    public Clock clock() {
        return clock;
    }

    public KeyVault offline() {
        return offline;
    }

    public KeyVault online() {
        return online.orElseThrow(() -> new IllegalStateException("no online token opened"));
    }

    public Vertx vertx() {
        return vertx;
    }

    public Pool pool() {
        return pool;
    }

    /** Every {@code ca_key} row, oldest first. */
    public List<CaKeyRecord> caKeys() {
        return new PgCaKeyStore(pool).all().await();
    }

    /**
     * The root certificate in the offline token, checked to be the root recorded in
     * {@code ca_key}.
     *
     * @throws CeremonyException when the token has no root or another CA's
     */
    public X509Certificate root() {
        X509Certificate root = offline.chain(CaAliases.ROOT).map(chain -> chain.get(0))
                .orElseThrow(() -> new CeremonyException("no root key in " + offline
                        .description() + ": run the `root` ceremony first"));
        byte[] der = encoded(root);
        boolean recorded = caKeys().stream().anyMatch(r -> r.role() == CaKeyRole.ROOT
                && Arrays.equals(encoded(r.certificate()), der));
        if (!recorded) {
            throw new CeremonyException("the root in " + offline.description() + " is not the"
                    + " root recorded in ca_key (another CA's token?)");
        }
        return root;
    }

    /**
     * The notAfter of a certificate issued {@code now} under {@code issuer}: the configured
     * validity (else {@code defaultDays}), never beyond the issuer's.
     */
    public java.time.Instant notAfter(java.time.Instant now, int defaultDays,
                                      X509Certificate issuer) {
        java.time.Instant notAfter = now.plus(ceremony.validity(defaultDays));
        java.time.Instant limit = issuer.getNotAfter().toInstant();
        return notAfter.isAfter(limit) ? limit : notAfter;
    }

    /**
     * The STI-PA root certificate in the offline token ({@code pa-root}).
     *
     * @throws CeremonyException when the token has none
     */
    public X509Certificate paRoot() {
        return offline.chain(PaKeys.ROOT).map(chain -> chain.get(0))
                .orElseThrow(() -> new CeremonyException("no STI-PA root key in "
                        + offline.description() + ": run the `pa-root` ceremony first"));
    }

    /** Where transcripts and ceremony outputs are written. */
    public Path transcriptDir() {
        return ceremony.transcriptDir().orElse(server.dataDir().resolve("ceremonies"));
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    @Override
    public void close() {
        try {
            pool.close().await();
            vertx.close().await();
        } finally {
            online.ifPresent(KeyVault::close);
            offline.close();
        }
    }
}
