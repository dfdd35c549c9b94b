package org.stica.server.ecosystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultFactory;
import org.stica.hsm.SignerPool;
import org.stica.policy.profile.ShakenLint;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;
import org.stica.server.TestSubscribers;
import org.stica.server.audit.AuditSignerKey;
import org.stica.server.audit.store.pg.PgAuditLog;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaIssuers;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.Ecosystem;
import org.stica.server.config.StiCaConfig;
import org.stica.server.ecosystem.store.pg.PgRevocationReportStore;
import org.stica.server.http.HttpProblem;
import org.stica.server.issuance.IssuanceLedger;
import org.stica.server.issuance.IssuanceService;
import org.stica.server.issuance.IssuerProfile;
import org.stica.server.issuance.RevocationService;
import org.stica.server.provision.PgProvisioningLock;
import org.stica.server.store.pg.PgCaKeyStore;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgPools;

/**
 * Under the STI-PA (issue 20) over real PostgreSQL and SoftHSM: issued certificates name the
 * STI-PA CRL byte for byte, issuance fails closed while that CRL is unknown, and every
 * revocation is queued by its own statement, exported signed by the audit-signer key,
 * downloadable and marked submitted once.
 */
class StiPaEcosystemTest {
    private static final String PUBLIC_URL = "https://ca.example.test";
    private static final Ecosystem STI_PA = new Ecosystem(Ecosystem.Mode.STI_PA,
            Optional.of(StiPaCrls.URL));
    private static final AtomicReference<Optional<X509CRL>> LOADED =
            new AtomicReference<>(Optional.of(StiPaCrls.crl(Optional.of(StiPaCrls.URL))));

    private static TestCa ca;
    private static KeyVault vault;
    private static Vertx vertx;
    private static Pool pool;
    private static SignerPool signer;
    private static CaHierarchy hierarchy;
    private static EcosystemCrl ecosystem;
    private static IssuanceService issuance;
    private static RevocationService reporting;
    private static RevocationService notReporting;
    private static PgRevocationReportStore reports;
    private static SignedExportReporting exports;
    private static X509Certificate reportSigner;

    @BeforeAll
    static void setUp() {
        ca = TestCa.create().with("STICA_PUBLIC_URL", PUBLIC_URL);
        StiCaConfig config = ca.config();
        StiCaServer.initCa(config);
        vault = KeyVaultFactory.open(KeyVaultSettings.forServe(config));
        AuditSignerKey.ensure(vault, PgProvisioningLock.of(config.database()), Clock.systemUTC());
        reportSigner = vault.chain(AuditSignerKey.ALIAS).orElseThrow().get(0);
        vertx = Vertx.vertx();
        pool = PgPools.create(vertx, config.database());
        signer = new SignerPool(vertx, vault, 2);
        var records = new PgCaKeyStore(pool).all().await();
        hierarchy = CaHierarchy.from(records);
        CaIssuers issuers = new CaIssuers(new PgCaKeyStore(pool), records);
        PgCertificateStore store = new PgCertificateStore(pool);
        PgAuditLog audit = new PgAuditLog(pool, Clock.systemUTC());
        ecosystem = new EcosystemCrl(STI_PA, hierarchy, PUBLIC_URL,
                url -> url.equals(StiPaCrls.URL) ? LOADED.get() : Optional.empty());
        reporting = new RevocationService(store, hierarchy, Future::succeededFuture, audit,
                Clock.systemUTC()).reportingToStiPa(true);
        notReporting = new RevocationService(store, hierarchy, Future::succeededFuture, audit,
                Clock.systemUTC());
        issuance = new IssuanceService(new IssuanceLedger(store, audit::drainOutbox,
                Clock.systemUTC()), signer, new IssuerProfile(hierarchy, "Test STI-CA", "US",
                "2.16.840.1.114569.1.1.4", Duration.ofDays(30), PUBLIC_URL, ecosystem),
                reporting, Clock.systemUTC());
        reports = new PgRevocationReportStore(pool);
        exports = new SignedExportReporting(reports, new RevocationReportDocument(
                issuers::byAlias, "Test STI-CA", hierarchy.root(), Optional.of(StiPaCrls.URL)),
                new ReportJwsSigner(signer, AuditSignerKey.ALIAS, reportSigner), audit,
                Clock.systemUTC());
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
    void issue_underStiPa_namesTheStiPaCrlUrlAndIssuerByteForByte() throws Exception {
        X509Certificate leaf = issue("1001");

        DistributionPoint point = CRLDistPoint.getInstance(new JcaX509CertificateHolder(leaf)
                .getExtension(Extension.cRLDistributionPoints).getParsedValue())
                .getDistributionPoints()[0];
        assertEquals(StiPaCrls.URL.toString(), GeneralNames.getInstance(point
                .getDistributionPoint().getName()).getNames()[0].getName().toString());
        // STANDARDS.md §1.1 item 8: the cRLIssuer is the STI-PA CRL's issuer, RDN order kept
        byte[] crlIssuer = X500Name.getInstance(point.getCRLIssuer().getNames()[0].getName())
                .getEncoded(ASN1Encoding.DER);
        assertArrayEquals(StiPaCrls.ISSUER_DER, crlIssuer);
        assertArrayEquals(LOADED.get().orElseThrow().getIssuerX500Principal().getEncoded(),
                crlIssuer);
        assertEquals(List.of(), ShakenLint.lintEndEntity(new JcaX509CertificateHolder(leaf),
                hierarchy.intermediate(), ecosystem.get()));
    }

    @Test
    void issue_stiPaCrlUnknown_failsClosedWith503AndReservesNothing() throws Exception {
        Optional<X509CRL> before = LOADED.getAndSet(Optional.empty());
        try {
            long rows = ca.db().count("certificate");
            AcmeProblem e = assertThrows(AcmeProblem.class,
                    () -> issuance.issue(request("1002")).await());
            assertEquals(ProblemType.SERVER_INTERNAL, e.type());
            assertEquals(503, e.status());
            assertTrue(e.detail().contains(StiPaCrls.URL.toString()), e.detail());
            assertEquals(rows, ca.db().count("certificate"));
        } finally {
            LOADED.set(before);
        }
    }

    @Test
    void revoke_underStiPa_queuesTheReportWithItsRevocation() throws Exception {
        X509Certificate leaf = issue("1003");
        String serial = leaf.getSerialNumber().toString(16);
        reporting.revokeBySerial(serial, 1, "test").await();

        PendingReport queued = reports.pending(10_000).await().stream()
                .filter(p -> p.serialHex().equals(serial)).findFirst().orElseThrow();
        assertEquals(1, queued.reason());
        assertEquals("keyCompromise", queued.reasonName());
        assertEquals("intermediate-1", queued.issuerAlias());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()),
                queued.certificateSha256());
        assertEquals(1, ca.db().count("audit_event WHERE type = 'certificate.revoked'"
                + " AND subject = '" + serial + "'"
                + " AND details LIKE '%\"stiPaReport\":\"queued\"%'"));
    }

    @Test
    void revoke_notReporting_queuesNothing() throws Exception {
        String serial = issue("1004").getSerialNumber().toString(16);
        notReporting.revokeBySerial(serial, 4, "test").await();

        assertEquals(0, ca.db().count("revocation_report WHERE serial = '" + serial + "'"));
    }

    @Test
    void export_signsThePendingRevocations_thenDownloadAndMarkSubmittedOnce() throws Exception {
        exports.export("test").otherwise((ReportExport) null).await(); // earlier tests' rows
        X509Certificate first = issue("1005");
        X509Certificate second = issue("1006");
        reporting.revokeBySerial(hex(first), 1, "test").await();
        reporting.revokeBySerial(hex(second), 9, "test").await();

        ReportExport export = exports.export("ops@example").await();
        assertEquals(2, export.entries());
        String jws = export.document().orElseThrow();
        JWSObject parsed = JWSObject.parse(jws);
        // signed by the HSM audit-signer key, named in the header (x5c, kid)
        assertEquals(ReportJwsSigner.TYPE, parsed.getHeader().getType());
        assertEquals(AuditSignerKey.ALIAS, parsed.getHeader().getKeyID());
        X509Certificate x5c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(parsed.getHeader()
                        .getX509CertChain().get(0).decode()));
        assertEquals(reportSigner, x5c);
        assertTrue(parsed.verify(new ECDSAVerifier((ECPublicKey) x5c.getPublicKey())));
        assertFalse(parsed.verify(new ECDSAVerifier((ECPublicKey) otherKey())));
        JsonObject payload = new JsonObject(parsed.getPayload().toString());
        assertEquals(RevocationReportDocument.TYPE, payload.getString("type"));
        assertEquals(export.id(), payload.getLong("export"));
        assertEquals(StiPaCrls.URL.toString(), payload.getString("stiPaCrl"));
        JsonArray revocations = payload.getJsonArray("revocations");
        assertEquals(List.of(hex(first), hex(second)), List.of(
                revocations.getJsonObject(0).getString("serial"),
                revocations.getJsonObject(1).getString("serial")));
        JsonObject entry = revocations.getJsonObject(1);
        assertEquals("privilegeWithdrawn", entry.getString("reason"));
        assertEquals(9, entry.getInteger("reasonCode"));
        assertArrayEquals(hierarchy.intermediate().getSubjectX500Principal().getEncoded(),
                Base64.getDecoder().decode(entry.getString("issuerDer")));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(second.getEncoded())), entry.getString("certificateSha256"));
        assertEquals(1, ca.db().count("audit_event WHERE type = 'revocation-report.exported'"
                + " AND subject = 'export-" + export.id() + "'"));

        // nothing pending any more; the same revocations cannot go into a second export
        HttpProblem none = assertThrows(HttpProblem.class, () -> exports.export("ops").await());
        assertEquals(409, none.status());
        assertEquals("nothingPending", none.type());
        long raced = reports.nextExportId().await();
        assertFalse(reports.saveExport(new ReportExport(raced, Instant.now(), "racer", 1,
                export.sha256(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(jws)), List.of(hex(first))).await());
        assertEquals(404, assertThrows(HttpProblem.class,
                () -> exports.download(raced).await()).status());

        ReportExport downloaded = exports.download(export.id()).await();
        assertEquals(jws, downloaded.document().orElseThrow());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(jws.getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                downloaded.sha256());
        assertFalse(downloaded.submitted());

        ReportExport submitted = exports.markSubmitted(export.id(), "ops@example",
                Optional.of("STI-PA-REF-1")).await();
        assertEquals(Optional.of("STI-PA-REF-1"), submitted.reference());
        assertEquals(Optional.of("ops@example"), submitted.submittedBy());
        assertEquals("submitted", submitted.toJson().getString("status"));
        assertEquals(409, assertThrows(HttpProblem.class, () -> exports.markSubmitted(
                export.id(), "ops", Optional.empty()).await()).status());
        assertEquals(404, assertThrows(HttpProblem.class, () -> exports.markSubmitted(
                999_999_999L, "ops", Optional.empty()).await()).status());
        assertTrue(exports.exports().await().stream().anyMatch(e -> e.id() == export.id()
                && e.submitted()));
    }

    private static X509Certificate issue(String spc) {
        IssuedCertificate issued = issuance.issue(request(spc)).await();
        return issued.chain().get(0);
    }

    private static IssuanceRequest request(String spc) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new IssuanceRequest("acct-" + spc, "order-" + spc,
                    generator.generateKeyPair().getPublic(),
                    TnAuthListCodec.encode(TnAuthList.ofSpc(spc)), spc, false, Optional.empty(),
                    Optional.empty(), Instant.now().plusSeconds(3600), TestSubscribers.CARRIER,
                    Optional.empty());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey otherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair().getPublic();
    }

    private static String hex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }
}
