package org.stica.server.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.hsm.KeyVaultFactory;
import org.stica.hsm.SignerPool;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaKeyRevocation;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.StiCaConfig;
import org.stica.server.store.pg.PgCaKeyRevocationStore;
import org.stica.server.store.pg.PgCaKeyStore;
import org.stica.server.audit.store.pg.PgAuditLog;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgCertificateStore.ReserveOutcome;
import org.stica.server.store.pg.PgPools;

/**
 * Issue 5 (CA key revocation): once the issuing intermediate is revoked, by this or any other
 * instance sharing the database, the very next issuance is refused before anything is reserved or
 * signed; the check is the reservation statement itself (RFC 5280 §6.1.3: a certificate under a
 * revoked CA would never validate).
 */
class IssuerRevocationTest {
    private static final String SHAKEN_CP = "2.16.840.1.114569.1.1.4";

    private static TestCa ca;
    private static Vertx vertx;
    private static Pool pool;
    private static Pool otherInstancePool;
    private static CountingVault vault;
    private static SignerPool signer;
    private static PgCertificateStore store;
    private static IssuanceService service;

    @BeforeAll
    static void setUp() {
        ca = TestCa.create();
        StiCaConfig config = ca.config();
        StiCaServer.initCa(config);
        vault = new CountingVault(KeyVaultFactory.open(KeyVaultSettings.forServe(config)));
        vertx = Vertx.vertx();
        pool = PgPools.create(vertx, config.database());
        otherInstancePool = PgPools.create(vertx, config.database());
        signer = new SignerPool(vertx, vault, 2);
        CaHierarchy hierarchy = CaHierarchy.from(new PgCaKeyStore(pool).all().await());
        store = new PgCertificateStore(pool);
        RevocationService revocation = new RevocationService(store, hierarchy,
                () -> io.vertx.core.Future.succeededFuture(), Clock.systemUTC());
        IssuanceLedger ledger = new IssuanceLedger(store,
                new PgAuditLog(pool, Clock.systemUTC())::drainOutbox, Clock.systemUTC());
        service = new IssuanceService(ledger, signer, new IssuerProfile(hierarchy, "Test STI-CA",
                "US", SHAKEN_CP, Duration.ofDays(30), "https://ca.example.test"), revocation,
                Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        signer.close();
        pool.close().await();
        otherInstancePool.close().await();
        vertx.close().await();
        vault.close();
        ca.close();
    }

    @Test
    void issue_afterTheIntermediateIsRevokedOnAnotherInstance_isRefusedAtOnce() {
        // a revoked key other than the issuer does not stop issuance
        revokeOnOtherInstance(CaAliases.CRL_SIGNER);
        IssuedCertificate before = service.issue(IssuanceServiceTest.request("4001", "acct-1"))
                .await();
        assertEquals(ReserveOutcome.SERIAL_TAKEN, store.reserve(reservation(before.serialHex(),
                CaAliases.INTERMEDIATE)).await());

        revokeOnOtherInstance(CaAliases.INTERMEDIATE);
        long rows = certificateRows();
        int keyUses = vault.keyUses.get();

        AcmeProblem refused = assertThrows(AcmeProblem.class,
                () -> service.issue(IssuanceServiceTest.request("4002", "acct-1")).await());

        assertEquals(ProblemType.SERVER_INTERNAL, refused.type());
        assertTrue(refused.detail().contains("'" + CaAliases.INTERMEDIATE + "') has been revoked"),
                refused.detail());
        assertEquals(rows, certificateRows(), "nothing may be reserved under a revoked issuer");
        assertEquals(keyUses, vault.keyUses.get(), "nothing may be signed under a revoked issuer");
        assertEquals(ReserveOutcome.ISSUER_REVOKED, store.reserve(reservation("abcdef0123",
                CaAliases.INTERMEDIATE)).await());
        assertEquals(rows, certificateRows());
    }

    private static void revokeOnOtherInstance(String alias) {
        boolean inserted = new PgCaKeyRevocationStore(otherInstancePool).revoke(
                new CaKeyRevocation(alias, "0a", Instant.now(), 1, "test")).await();
        assertTrue(inserted);
    }

    private static CertificateReservation reservation(String serialHex, String issuerAlias) {
        return new CertificateReservation(serialHex, issuerAlias, Optional.of("acct-1"),
                Optional.empty(), "4003", new byte[32], Instant.now(),
                Instant.now().plusSeconds(3600));
    }

    private static long certificateRows() {
        return pool.preparedQuery("SELECT count(*) AS n FROM certificate").execute(Tuple.tuple())
                .await().iterator().next().getLong("n");
    }
}
