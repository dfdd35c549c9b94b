package org.stica.server.ecosystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultFactory;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.ceremony.CeremonyConfig;
import org.stica.server.ceremony.CeremonyException;
import org.stica.server.ceremony.Ceremonies;
import org.stica.server.config.StiCaConfig;
import org.stica.testing.SoftHsmFixture;

/**
 * Under the STI-PA the command-line paths that make an intermediate (issue 20): init-ca and the
 * intermediate ceremony download and verify the STI-PA CRL as serve does (from
 * {@code pa.trustAnchors}), name it in the intermediate's CRLDP with the issuer copied as DER,
 * fall back to the last good copy when the STI-PA is unreachable, and make nothing when no
 * verified copy exists.
 */
class StiPaSetUpTest {
    private static final AtomicInteger CRL_STATUS = new AtomicInteger(200);
    private static Vertx vertx;
    private static HttpServer stiPa;
    private static URI crlUrl;
    private static Path anchors;
    private static final List<TestCa> CAS = new ArrayList<>();
    private static final List<SoftHsmFixture> TOKENS = new ArrayList<>();

    @BeforeAll
    static void stiPa() throws Exception {
        KeyPair rootKey = StiPaCrls.key();
        // the STI-PA root issues its CRL itself here; its name is the US STI-PA CRL issuer's
        X500Name name = X500Name.getInstance(StiPaCrls.ISSUER_DER);
        Instant now = Instant.now();
        X509Certificate root = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86400)), name,
                        rootKey.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                        .build(new JcaContentSignerBuilder("SHA256withECDSA")
                                .build(rootKey.getPrivate())));
        anchors = Files.createTempFile("sti-pa-root", ".pem");
        Files.writeString(anchors, pem(root));
        vertx = Vertx.vertx();
        List<String> crl = new ArrayList<>();
        stiPa = vertx.createHttpServer().requestHandler(request -> request.response()
                .setStatusCode(CRL_STATUS.get()).end(CRL_STATUS.get() == 200 ? crl.get(0) : ""))
                .listen(0, "127.0.0.1").await();
        crlUrl = URI.create("http://127.0.0.1:" + stiPa.actualPort() + "/download/v1/crl");
        crl.add(pem(StiPaCrls.crl(Optional.of(crlUrl), rootKey.getPrivate())));
    }

    @AfterAll
    static void close() {
        stiPa.close().await();
        vertx.close().await();
        TOKENS.forEach(SoftHsmFixture::close);
        CAS.forEach(TestCa::close);
    }

    @Test
    void initCa_stiPaCrlUnreachableAndNeverLoaded_makesNothing() throws Exception {
        CRL_STATUS.set(503);
        try {
            TestCa ca = ca();
            StiCaConfig config = ca.config();
            StiPaCrlUnknownException e = assertThrows(StiPaCrlUnknownException.class,
                    () -> StiCaServer.initCa(config));
            assertTrue(e.getMessage().contains(crlUrl.toString()), e.getMessage());
            try (KeyVault vault = KeyVaultFactory.open(KeyVaultSettings.forInit(config))) {
                assertFalse(vault.contains("root"));
                assertFalse(vault.contains("intermediate-1"));
            }
            assertEquals(0, count(ca, "ca_key"));
        } finally {
            CRL_STATUS.set(200);
        }
    }

    @Test
    void intermediateCeremony_namesTheStiPaCrl_thenFromTheLastGoodCopyWhenItIsDown()
            throws Exception {
        TestCa ca = ca().with("STICA_CA_ROOT_ONLINE", "false");
        CeremonyConfig ceremony = offlineToken("sti-pa-offline");
        StiCaConfig config = ca.config();
        List<String> printed = new ArrayList<>();
        Ceremonies.root(config, ceremony, Clock.systemUTC(), printed::add);
        Ceremonies.crlSigner(config, ceremony, Clock.systemUTC(), printed::add);
        Ceremonies.intermediate(config, ceremony, Clock.systemUTC(), printed::add);
        X509Certificate first = chainPemIntermediate(ca);
        assertNamesTheStiPaCrl(first);
        assertTrue(printed.stream().anyMatch(line -> line.contains("names the STI-PA CRL "
                + crlUrl)), printed::toString);
        assertEquals(1, count(ca, "pa_crl_copy"));

        CRL_STATUS.set(503);
        try {
            Ceremonies.intermediate(config, ceremony, Clock.systemUTC(), printed::add);
        } finally {
            CRL_STATUS.set(200);
        }
        X509Certificate second = chainPemIntermediate(ca);
        assertNotEquals(first.getSerialNumber(), second.getSerialNumber());
        assertNamesTheStiPaCrl(second);
    }

    @Test
    void intermediateCeremony_stiPaCrlNeverLoaded_refusedBeforeAnyKey() throws Exception {
        TestCa ca = ca().with("STICA_CA_ROOT_ONLINE", "false");
        CeremonyConfig ceremony = offlineToken("sti-pa-offline-2");
        StiCaConfig config = ca.config();
        Ceremonies.root(config, ceremony, Clock.systemUTC(), line -> { });
        CRL_STATUS.set(503);
        try {
            CeremonyException e = assertThrows(CeremonyException.class, () -> Ceremonies
                    .intermediate(config, ceremony, Clock.systemUTC(), line -> { }));
            assertTrue(e.getMessage().contains("nothing was issued"), e.getMessage());
        } finally {
            CRL_STATUS.set(200);
        }
        try (KeyVault online = KeyVaultFactory.open(KeyVaultSettings.forInit(config))) {
            assertFalse(online.contains("intermediate-1"));
            assertFalse(online.contains("intermediate-2"));
        }
        assertEquals(1, count(ca, "ca_key"));
    }

    private static void assertNamesTheStiPaCrl(X509Certificate intermediate) throws Exception {
        DistributionPoint point = CRLDistPoint.getInstance(new JcaX509CertificateHolder(
                intermediate).getExtension(Extension.cRLDistributionPoints).getParsedValue())
                .getDistributionPoints()[0];
        assertEquals(crlUrl.toString(), GeneralNames.getInstance(point.getDistributionPoint()
                .getName()).getNames()[0].getName().toString());
        assertArrayEquals(StiPaCrls.ISSUER_DER, X500Name.getInstance(point.getCRLIssuer()
                .getNames()[0].getName()).getEncoded(ASN1Encoding.DER));
    }

    /** A fresh SoftHSM token as the ceremonies' offline token. */
    private static CeremonyConfig offlineToken(String label) throws Exception {
        SoftHsmFixture offline = SoftHsmFixture.create(label);
        TOKENS.add(offline);
        Path pin = Files.createTempFile("root", ".pin");
        Files.writeString(pin, new String(offline.pin()) + "\n");
        return CeremonyConfig.load(Optional.empty(), Map.of(
                "offline.library", offline.library().toString(),
                "offline.tokenLabel", offline.tokenLabel(), "offline.pinFile", pin.toString()),
                Map.of());
    }

    private static TestCa ca() {
        TestCa ca = TestCa.create().with("STICA_PUBLIC_URL", "https://ca.example.test")
                .with("STICA_ECOSYSTEM_MODE", "sti-pa")
                .with("STICA_ECOSYSTEM_CRL_URL", crlUrl.toString())
                .with("STICA_PA_TRUST_ANCHORS", anchors.toString());
        CAS.add(ca);
        return ca;
    }

    private static X509Certificate chainPemIntermediate(TestCa ca) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(Files.readAllBytes(ca.dataDir().resolve("ca")
                        .resolve("chain.pem")))).iterator().next();
    }

    private static long count(TestCa ca, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(ca.db().jdbcUrl(), ca.db().user(),
                ca.db().password());
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
