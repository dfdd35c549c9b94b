package org.stica.server.issuance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.port.RevocationRefused;
import org.stica.acme.port.RevocationRequest;
import org.stica.crl.port.RevokedEntry;
import org.stica.hsm.KeyVaultFactory;
import org.stica.hsm.SignerPool;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.profile.CrlDistribution;
import org.stica.policy.profile.ShakenLint;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;
import org.stica.server.TestSubscribers;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.StiCaConfig;
import org.stica.server.store.pg.PgCaKeyStore;
import org.stica.server.audit.store.pg.PgAuditLog;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgPools;

class IssuanceServiceTest {
    private static final String TN_AUTH_LIST_OID = "1.3.6.1.5.5.7.1.26";
    private static final String PUBLIC_URL = "https://ca.example.test";
    private static final String SHAKEN_CP = "2.16.840.1.114569.1.1.4";
    /** mustInclude rcd, rcdi; permittedValues rcdi (RFC 9795 §6.3 shape, RCD.md §7). */
    private static final ConstraintsIdentifier CLAIMS = ConstraintsIdentifier
            .fromIdentifierValue("MIGboA0wCxYDcmNkFgRyY2RpoYGJMIGGMIGDFgRyY2RpMHsMeXsiL2ljbiI6"
            + "InNoYTI1Ni1Sb2pnV3dVNnhVdEk0cTgyK2tIUHlIbTFKS2JtNys2NjNiTXZ6eW1oa2w0IiwiL25hbSI6"
            + "InNoYTI1Ni1zTTI3NWxUZ3pDdGUrTEhPS0h0VTRTeEc4c2hsT282T1M0b3Q4SUpRSW1ZIn0");

    private static TestCa ca;
    private static Vertx vertx;
    private static Pool pool;
    private static CountingVault vault;
    private static SignerPool signer;
    private static CaHierarchy hierarchy;
    private static PgCertificateStore store;
    private static final AtomicInteger crlPublications = new AtomicInteger();
    private static RevocationService revocation;

    @BeforeAll
    static void setUp() {
        ca = TestCa.create().with("STICA_PUBLIC_URL", PUBLIC_URL);
        StiCaConfig config = ca.config();
        StiCaServer.initCa(config);
        vault = new CountingVault(KeyVaultFactory.open(KeyVaultSettings.forServe(config)));
        vertx = Vertx.vertx();
        pool = PgPools.create(vertx, config.database());
        signer = new SignerPool(vertx, vault, 2);
        hierarchy = CaHierarchy.from(new PgCaKeyStore(pool).all().await());
        store = new PgCertificateStore(pool);
        revocation = new RevocationService(store, hierarchy, () -> {
            crlPublications.incrementAndGet();
            return Future.succeededFuture();
        }, Clock.systemUTC());
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
    void issue_validRequest_passesLintAndCarriesTheSpc() throws Exception {
        IssuedCertificate issued = service(SHAKEN_CP).issue(request("1234", "acct-1"))
                .await();

        X509Certificate certificate = issued.chain().get(0);
        // ATIS-1000080 §6.4.1: the issued certificate passes the SHAKEN profile lint.
        assertEquals(List.of(), ShakenLint.lintEndEntity(new JcaX509CertificateHolder(certificate),
                hierarchy.intermediate()));
        // RFC 8226 §9: the TNAuthList extension holds the order's SPC.
        byte[] extension = ASN1OctetString.getInstance(certificate.getExtensionValue(
                TN_AUTH_LIST_OID)).getOctets();
        assertEquals(Optional.of("1234"), TnAuthListCodec.decode(extension).singleSpc());
        // ATIS-1000080 §6.4.1 (issue 15): O and C are the subscriber's, not the CA's
        assertEquals("CN=SHAKEN 1234,O=Test Carrier\\, Inc.,C=US",
                certificate.getSubjectX500Principal().getName());
        assertEquals(hierarchy.intermediate(), issued.chain().get(1));
        certificate.verify(hierarchy.intermediate().getPublicKey());
        assertEquals(PUBLIC_URL + "/cr/" + issued.serialHex() + ".pem", issued.x5u().toString());
        assertEquals(new BigInteger(issued.serialHex(), 16), certificate.getSerialNumber());
    }

    @Test
    void issue_validRequest_recordsTheCertificateAsIssued() throws Exception {
        IssuedCertificate issued = service(SHAKEN_CP).issue(request("5678", "acct-1"))
                .await();

        CertificateRecord record = store.find(issued.serialHex()).await().orElseThrow();

        assertEquals(CertificateStatus.ISSUED, record.status());
        assertArrayEquals(issued.chain().get(0).getEncoded(), record.der().orElseThrow());
        assertEquals(Optional.of("acct-1"), record.accountId());
        assertEquals("5678", record.spc());
    }

    @Test
    void issue_validity_isCappedByTheConfiguredLifetime() {
        IssuedCertificate issued = service(SHAKEN_CP).issue(request("1234", "acct-1"))
                .await();

        Instant notAfter = issued.chain().get(0).getNotAfter().toInstant();
        assertTrue(!notAfter.isAfter(Instant.now().plus(Duration.ofDays(30))), notAfter.toString());
    }

    @Test
    void issue_lintFailure_signsNothingAndLeavesNoRow() throws Exception {
        // ATIS-1000080 §6.4.1 (STANDARDS.md §1.1.9): a CP OID off the SHAKEN arc fails the lint,
        // which runs before the serial is reserved and before any CA signature.
        int rowsBefore = certificateRows();
        int keyUsesBefore = vault.keyUses.get();

        PolicyException e = assertThrows(PolicyException.class,
                () -> service("1.2.3.4").issue(request("1234", "acct-1")).await());

        assertEquals(Violation.PROFILE_LINT_FAILED, e.violation());
        assertEquals(rowsBefore, certificateRows());
        assertEquals(keyUsesBefore, vault.keyUses.get());
    }

    @Test
    void issue_caCertificateRequested_isRefused() {
        IssuanceRequest scaRequest = new IssuanceRequest("acct-1", "order-1", newKey(),
                TnAuthListCodec.encode(TnAuthList.ofSpc("1234")), "1234", true, Optional.empty(),
                Optional.empty(), Instant.now().plusSeconds(3600),
                TestSubscribers.CARRIER, Optional.empty());

        assertThrows(PolicyException.class,
                () -> service(SHAKEN_CP).issue(scaRequest).await());
    }

    @Test
    void issue_rcdDelegate_copiesTheIdentifierAndEndsByTheTokenExp() throws Exception {
        // RCD.md §8 items 7-8: byte for byte, non-critical; notAfter <= token exp (RFC 9447 §7)
        Instant tokenExpires = Instant.now().plus(Duration.ofHours(2));
        X509Certificate certificate = service(SHAKEN_CP).issue(rcdRequest(newKey(),
                tokenExpires, false)).await().chain().get(0);

        assertArrayEquals(CLAIMS.der(), ASN1OctetString.getInstance(
                certificate.getExtensionValue(CLAIMS.oid().getId())).getOctets());
        assertTrue(!certificate.getCriticalExtensionOIDs().contains(CLAIMS.oid().getId()));
        assertTrue(!certificate.getNotAfter().toInstant().isAfter(tokenExpires),
                certificate.getNotAfter().toString());
        assertEquals(List.of(), ShakenLint.lintRcdDelegate(new JcaX509CertificateHolder(
                certificate), hierarchy.intermediate(), CrlDistribution.of(hierarchy.crlUrl(),
                hierarchy.crlIssuerName()), CLAIMS.der()));
    }

    @Test
    void issue_rcdRenewalWithTheSameKey_carriesAnIdenticalExtension() throws Exception {
        // RFC 9118 §8: a renewal with the same key MUST carry exactly the same extension
        java.security.PublicKey key = newKey();
        Instant tokenExpires = Instant.now().plus(Duration.ofHours(1));
        X509Certificate first = service(SHAKEN_CP).issue(rcdRequest(key, tokenExpires, false))
                .await().chain().get(0);
        X509Certificate renewed = service(SHAKEN_CP).issue(rcdRequest(key, tokenExpires, false))
                .await().chain().get(0);

        assertTrue(!first.getSerialNumber().equals(renewed.getSerialNumber()));
        assertArrayEquals(new JcaX509CertificateHolder(first).getExtension(CLAIMS.oid())
                .getEncoded(), new JcaX509CertificateHolder(renewed).getExtension(CLAIMS.oid())
                .getEncoded());
    }

    @Test
    void issue_rcdTokenExpiredOrCaFlag_signsNothingAndLeavesNoRow() throws Exception {
        int rowsBefore = certificateRows();
        int keyUsesBefore = vault.keyUses.get();

        PolicyException expired = assertThrows(PolicyException.class, () -> service(SHAKEN_CP)
                .issue(rcdRequest(newKey(), Instant.now().minusSeconds(1), false)).await());
        PolicyException ca = assertThrows(PolicyException.class, () -> service(SHAKEN_CP)
                .issue(rcdRequest(newKey(), Instant.now().plusSeconds(600), true)).await());

        assertEquals(Violation.TOKEN_EXPIRED, expired.violation());
        assertEquals(Violation.JWT_CLAIM_CONSTRAINTS_REJECTED, ca.violation());
        assertEquals(rowsBefore, certificateRows());
        assertEquals(keyUsesBefore, vault.keyUses.get());
    }

    private static IssuanceRequest rcdRequest(java.security.PublicKey key, Instant tokenExpires,
                                              boolean ca) {
        return new IssuanceRequest("acct-rcd", "order-rcd", key,
                TnAuthListCodec.encode(TnAuthList.ofSpc("1234")), "1234", ca, Optional.empty(),
                Optional.empty(), tokenExpires, TestSubscribers.CARRIER, Optional.empty(),
                Optional.of(CLAIMS));
    }

    @Test
    void revoke_issuingAccount_revokesListsAndRepublishes() throws Exception {
        IssuedCertificate issued = service(SHAKEN_CP).issue(request("1234", "acct-r"))
                .await();
        int before = crlPublications.get();

        revocation.revoke(new RevocationRequest(issued.chain().get(0).getEncoded(), 1,
                Optional.of("acct-r"))).await();

        assertEquals(CertificateStatus.REVOKED, store.find(issued.serialHex()).await()
                .orElseThrow().status());
        assertEquals(before + 1, crlPublications.get());
        List<RevokedEntry> listed = new CertificateRevocationSource(store, hierarchy)
                .revokedUnexpired(Instant.now()).await();
        RevokedEntry entry = listed.stream()
                .filter(r -> r.serial().equals(new BigInteger(issued.serialHex(), 16)))
                .findFirst().orElseThrow();
        assertEquals(1, entry.reasonCode());
        assertEquals(hierarchy.intermediateName(), entry.certificateIssuer());
    }

    @Test
    void revoke_otherAccount_isUnauthorized() throws Exception {
        // RFC 8555 §7.6: the requesting account must hold authorization for the certificate.
        IssuedCertificate issued = service(SHAKEN_CP).issue(request("1234", "acct-a"))
                .await();

        RevocationRefused e = assertThrows(RevocationRefused.class, () -> revocation.revoke(
                new RevocationRequest(issued.chain().get(0).getEncoded(), 0,
                        Optional.of("acct-b"))).await());

        assertEquals(RevocationRefused.Kind.UNAUTHORIZED, e.kind());
    }

    @Test
    void revoke_otherAccountHoldingAuthorizations_isAccepted() throws Exception {
        // RFC 8555 §7.6: an account holding authorizations for every identifier in the
        // certificate (established by the ACME layer) may revoke it.
        IssuedCertificate issued = service(SHAKEN_CP).issue(request("1234", "acct-a"))
                .await();

        revocation.revoke(new RevocationRequest(issued.chain().get(0).getEncoded(), 0,
                Optional.of("acct-b"), true)).await();

        assertEquals(CertificateStatus.REVOKED, store.find(issued.serialHex()).await()
                .orElseThrow().status());
    }

    @Test
    void revoke_disallowedReason_isBadReason() throws Exception {
        // RFC 5280 §5.3.1 / STANDARDS.md §6.2.6: no certificateHold (6).
        IssuedCertificate issued = service(SHAKEN_CP).issue(request("1234", "acct-1"))
                .await();

        RevocationRefused e = assertThrows(RevocationRefused.class, () -> revocation.revoke(
                new RevocationRequest(issued.chain().get(0).getEncoded(), 6,
                        Optional.of("acct-1"))).await());

        assertEquals(RevocationRefused.Kind.BAD_REASON, e.kind());
    }

    @Test
    void revoke_twice_isAlreadyRevoked() throws Exception {
        // RFC 8555 §7.6: alreadyRevoked.
        IssuedCertificate issued = service(SHAKEN_CP).issue(request("1234", "acct-1"))
                .await();
        byte[] der = issued.chain().get(0).getEncoded();
        revocation.revoke(new RevocationRequest(der, 4, Optional.of("acct-1"))).await();

        RevocationRefused e = assertThrows(RevocationRefused.class, () -> revocation.revoke(
                new RevocationRequest(der, 4, Optional.of("acct-1"))).await());

        assertEquals(RevocationRefused.Kind.ALREADY_REVOKED, e.kind());
    }

    @Test
    void revoke_foreignCertificate_isUnauthorized() throws Exception {
        RevocationRefused e = assertThrows(RevocationRefused.class, () -> revocation.revoke(
                new RevocationRequest(hierarchy.root().getEncoded(), 0, Optional.empty())).await());

        assertEquals(RevocationRefused.Kind.UNAUTHORIZED, e.kind());
    }

    private static IssuanceService service(String policyOid) {
        IssuerProfile profile = new IssuerProfile(hierarchy, "Test STI-CA", "US", policyOid,
                Duration.ofDays(30), PUBLIC_URL);
        return new IssuanceService(ledger(), signer, profile, revocation, Clock.systemUTC());
    }

    /** The ledger as the server builds it: the outbox drained into the PostgreSQL chain. */
    static IssuanceLedger ledger() {
        return new IssuanceLedger(store, new PgAuditLog(pool, Clock.systemUTC())::drainOutbox,
                Clock.systemUTC());
    }

    @Test
    void issue_scaRequestUnderPathLenZeroIntermediate_isRefusedBeforeReserving() {
        // RFC 5280 §4.2.1.9: a pathLen 0 intermediate cannot certify an SCA (RFC 9060 §4), so
        // an atc.ca=true order is refused explicitly instead of issuing an unusable CA.
        IssuanceRequest ca = new IssuanceRequest("acct-sca", "order-sca", newKey(),
                TnAuthListCodec.encode(TnAuthList.ofSpc("7777")), "7777", true,
                Optional.empty(), Optional.empty(), Instant.now().plusSeconds(3600),
                TestSubscribers.CARRIER, Optional.empty());
        PolicyException e = assertThrows(PolicyException.class,
                () -> service(SHAKEN_CP).issue(ca).await());
        assertEquals(Violation.TOKEN_CA_FLAG_MISMATCH, e.violation());
        assertTrue(e.detail().contains("pathLenConstraint"), e.detail());
    }

    /** A request for SPC {@code spc} with a fresh P-256 key (also used by IssuerRevocationTest). */
    static IssuanceRequest request(String spc, String account) {
        return new IssuanceRequest(account, "order-" + spc, newKey(),
                TnAuthListCodec.encode(TnAuthList.ofSpc(spc)), spc, false, Optional.empty(),
                Optional.empty(), Instant.now().plusSeconds(3600),
                TestSubscribers.CARRIER, Optional.empty());
    }

    private static java.security.PublicKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            return keys.getPublic();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int certificateRows() throws Exception {
        try (Connection c = DriverManager.getConnection(ca.db().jdbcUrl(), ca.db().user(),
                ca.db().password());
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM certificate")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
