package org.stica.server.ecosystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSObject;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultFactory;
import org.stica.hsm.SignerPool;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;
import org.stica.server.audit.AuditSignerKey;
import org.stica.server.audit.store.pg.PgAuditLog;
import org.stica.server.ca.CaIssuers;
import org.stica.server.ca.CaKeyRecord;
import org.stica.server.ca.CaKeyRevocationService;
import org.stica.server.ca.CaKeyRole;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.StiCaConfig;
import org.stica.server.ecosystem.store.pg.PgRevocationReportStore;
import org.stica.server.http.HttpProblem;
import org.stica.server.provision.PgProvisioningLock;
import org.stica.server.store.pg.PgCaKeyRevocationStore;
import org.stica.server.store.pg.PgCaKeyStore;
import org.stica.server.store.pg.PgPools;

/**
 * Under the STI-PA an intermediate's revocation reaches the STI-PA too (STANDARDS.md §4.2 item
 * 2: its CRL lists revoked STI intermediate and end-entity certificates; §4.5 item 4: revocations
 * are reported to it): the statement that records the revocation queues the report, whose
 * export names the root as the issuer. The CRL signer's revocation is not reported (no
 * certificate names this CA's CRL under the STI-PA).
 */
class IntermediateRevocationReportTest {
    private static TestCa ca;
    private static KeyVault vault;
    private static Vertx vertx;
    private static Pool pool;
    private static SignerPool signer;
    private static List<CaKeyRecord> keys;
    private static PgRevocationReportStore reports;
    private static SignedExportReporting exports;
    private static CaKeyRevocationService revocations;

    @BeforeAll
    static void setUp() {
        ca = TestCa.create();
        StiCaConfig config = ca.config();
        StiCaServer.initCa(config);
        vault = KeyVaultFactory.open(KeyVaultSettings.forServe(config));
        AuditSignerKey.ensure(vault, PgProvisioningLock.of(config.database()), Clock.systemUTC());
        X509Certificate reportSigner = vault.chain(AuditSignerKey.ALIAS).orElseThrow().get(0);
        vertx = Vertx.vertx();
        pool = PgPools.create(vertx, config.database());
        signer = new SignerPool(vertx, vault, 2);
        keys = new PgCaKeyStore(pool).all().await();
        CaIssuers issuers = new CaIssuers(new PgCaKeyStore(pool), keys);
        PgAuditLog audit = new PgAuditLog(pool, Clock.systemUTC());
        reports = new PgRevocationReportStore(pool);
        exports = new SignedExportReporting(reports, new RevocationReportDocument(
                issuers::issuerCertificate, "Test STI-CA", key(CaKeyRole.ROOT).certificate(),
                Optional.of(URI.create("https://pa.example.test/download/v1/crl"))),
                new ReportJwsSigner(signer, AuditSignerKey.ALIAS, reportSigner), audit,
                Clock.systemUTC());
        revocations = new CaKeyRevocationService(new PgCaKeyStore(pool),
                new PgCaKeyRevocationStore(pool), Future::succeededFuture, audit,
                Clock.systemUTC()).reportingToStiPa(true);
    }

    @AfterAll
    static void tearDown() {
        signer.close();
        pool.close().await();
        vertx.close().await();
        vault.close();
        ca.close();
    }

    @Test
    void revokeIntermediate_underStiPa_queuesItsReportNamingTheRootOnce() throws Exception {
        CaKeyRecord intermediate = key(CaKeyRole.INTERMEDIATE);
        CaKeyRecord root = key(CaKeyRole.ROOT);
        String serial = intermediate.certificate().getSerialNumber().toString(16);
        revocations.revoke(intermediate.alias(), 1, "ops@example").await();

        PendingReport queued = reports.pending(100).await().stream()
                .filter(p -> p.serialHex().equals(serial)).findFirst().orElseThrow();
        assertEquals(root.alias(), queued.issuerAlias());
        assertEquals(1, queued.reason());
        assertArrayEquals(MessageDigest.getInstance("SHA-256")
                .digest(intermediate.certificate().getEncoded()), queued.certificateSha256());
        assertEquals(1, ca.db().count("audit_event WHERE type = 'ca-key.revoked' AND subject = '"
                + intermediate.alias() + "' AND details LIKE '%\"stiPaReport\":\"queued\"%'"));

        // a second revocation changes nothing, and queues nothing more
        HttpProblem again = assertThrows(HttpProblem.class,
                () -> revocations.revoke(intermediate.alias(), 4, "ops@example").await());
        assertEquals("alreadyRevoked", again.type());
        assertEquals(1, ca.db().count("revocation_report WHERE serial = '" + serial + "'"));

        // the signed export names the root, the intermediate's issuer, as the entry's issuer
        JsonObject entry = new JsonObject(JWSObject.parse(exports.export("ops@example").await()
                .document().orElseThrow()).getPayload().toString())
                .getJsonArray("revocations").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("serial").equals(serial)).findFirst().orElseThrow();
        assertArrayEquals(root.certificate().getSubjectX500Principal().getEncoded(),
                Base64.getDecoder().decode(entry.getString("issuerDer")));
        assertEquals(HexFormat.of().formatHex(queued.certificateSha256()),
                entry.getString("certificateSha256"));
        assertEquals("keyCompromise", entry.getString("reason"));
    }

    @Test
    void revokeCrlSigner_underStiPa_queuesNothing() throws Exception {
        CaKeyRecord crlSigner = key(CaKeyRole.CRL_SIGNER);
        revocations.revoke(crlSigner.alias(), 4, "ops@example").await();

        assertEquals(1, ca.db().count("ca_key_revocation WHERE alias = '" + crlSigner.alias()
                + "'"));
        assertEquals(0, ca.db().count("revocation_report WHERE serial = '"
                + crlSigner.certificate().getSerialNumber().toString(16) + "'"));
    }

    private static CaKeyRecord key(CaKeyRole role) {
        return keys.stream().filter(k -> k.role() == role).findFirst().orElseThrow();
    }
}
