package org.stica.server.ceremony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;
import org.stica.server.ca.RootKeyOnlineException;
import org.stica.hsm.KeyVault;
import org.stica.hsm.KeyVaultFactory;
import org.stica.server.ca.KeyVaultSettings;
import org.stica.server.config.StiCaConfig;
import org.stica.server.pa.PaKeys;
import org.stica.server.pa.PaKeysMissingException;
import org.stica.testing.SoftHsmFixture;

/**
 * The ceremonies on two SoftHSM tokens (issue 16): the root in an offline token, the
 * intermediate and CRL signer in the server's token; then {@code serve} runs with the root
 * offline, serves the ceremony ARL, reports custody in health, refuses rollover, and imports the
 * signed transcripts into the audit chain once each.
 */
class CeremonyTest {
    private static TestCa ca;
    private static SoftHsmFixture offline;
    private static CeremonyConfig ceremony;
    private static final List<Ceremonies.Outcome> OUTCOMES = new ArrayList<>();
    private static final List<Ceremonies.Outcome> PA_OUTCOMES = new ArrayList<>();
    private static final List<String> PRINTED = new ArrayList<>();

    @BeforeAll
    static void ceremonies() throws Exception {
        ca = TestCa.create().with("STICA_CA_ROOT_ONLINE", "false")
                .with("STICA_PUBLIC_URL", "http://127.0.0.1:18080");
        offline = SoftHsmFixture.create("ca-offline");
        Path pin = Files.createTempFile("root", ".pin");
        Files.writeString(pin, new String(offline.pin()) + "\n");
        Path yaml = Files.createTempFile("root-ceremony", ".yaml");
        Files.writeString(yaml, "offline:\n  library: " + offline.library() + "\n  tokenLabel: "
                + offline.tokenLabel() + "\n  pinFile: " + pin + "\n");
        ceremony = CeremonyConfig.load(Optional.of(yaml), Map.of(), Map.of());
        StiCaConfig config = ca.config();
        OUTCOMES.add(Ceremonies.root(config, ceremony, Clock.systemUTC(), PRINTED::add));
        OUTCOMES.add(Ceremonies.crlSigner(config, ceremony, Clock.systemUTC(), PRINTED::add));
        OUTCOMES.add(Ceremonies.intermediate(config, ceremony, Clock.systemUTC(), PRINTED::add));
        OUTCOMES.add(Ceremonies.arl(config, ceremony, Clock.systemUTC(), PRINTED::add));
        PA_OUTCOMES.add(Ceremonies.paRoot(config, ceremony, Clock.systemUTC(), PRINTED::add));
        PA_OUTCOMES.add(Ceremonies.paSigner(config, ceremony, Clock.systemUTC(), PRINTED::add));
        PA_OUTCOMES.add(Ceremonies.paCrlSigner(config, ceremony, Clock.systemUTC(),
                PRINTED::add));
    }

    @AfterAll
    static void close() {
        try {
            if (offline != null) {
                offline.close();
            }
        } finally {
            if (ca != null) {
                ca.close();
            }
        }
    }

    @Test
    void ceremonies_recordHierarchyAndPrintFingerprints() throws Exception {
        assertEquals(List.of("root:root", "crl-signer:crl-signer", "intermediate-1:intermediate"),
                query("SELECT alias || ':' || role FROM ca_key ORDER BY created_at, alias"));
        assertEquals(1, query("SELECT number FROM arl").size());
        assertTrue(Files.isRegularFile(ca.dataDir().resolve("ca/root.pem")));
        String printed = String.join("\n", PRINTED);
        for (Ceremonies.Outcome outcome : OUTCOMES) {
            assertTrue(Files.isRegularFile(outcome.file()), outcome.file().toString());
            assertTrue(printed.contains(outcome.transcript().id()), printed);
        }
        JsonObject intermediate = OUTCOMES.get(2).transcript().json()
                .getJsonObject("certificate");
        assertTrue(printed.contains(intermediate.getString("sha256")), printed);
        assertTrue(printed.contains(intermediate.getString("serial")), printed);
        assertTrue(intermediate.getString("subject").contains("SHAKEN Intermediate CA 1"));
        assertEquals(OUTCOMES.get(0).transcript().json().getJsonObject("certificate")
                .getString("subjectKeyId"), intermediate.getString("authorityKeyId"));
    }

    @Test
    void rootCeremony_again_refused() {
        CeremonyException refused = assertThrows(CeremonyException.class, () ->
                Ceremonies.root(ca.config(), ceremony, Clock.systemUTC(), s -> { }));
        assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
    }

    @Test
    void ceremony_offlineTokenIsTheOnlineToken_refused() {
        StiCaConfig config = ca.config();
        CeremonyConfig same = new CeremonyConfig(config.hsm().library().orElseThrow(),
                config.hsm().tokenLabel(), java.util.OptionalLong.empty(), "1234".toCharArray(),
                Optional.empty(), Optional.empty());
        CeremonyException refused = assertThrows(CeremonyException.class, () ->
                Ceremonies.arl(config, same, Clock.systemUTC(), s -> { }));
        assertTrue(refused.getMessage().contains("separate, offline token"),
                refused.getMessage());
    }

    @Test
    void transcript_tampered_refusedByVerifier() throws Exception {
        SignedTranscript record = OUTCOMES.get(2).record();
        List<java.security.cert.X509Certificate> roots = List.of(
                (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                        .getInstance("X.509").generateCertificate(Files.newInputStream(
                                ca.dataDir().resolve("ca/root.pem"))));
        JsonObject verified = new TranscriptVerifier().verify(record, roots);
        assertEquals("intermediate", verified.getString("ceremony"));
        SignedTranscript tampered = new SignedTranscript(
                record.transcript().replace("intermediate-1", "intermediate-9"),
                record.signature());
        assertThrows(CeremonyRecordException.class,
                () -> new TranscriptVerifier().verify(tampered, roots));
    }

    @Test
    void serve_rootOffline_servesCeremonyArlImportsTranscriptsRefusesRollover()
            throws Exception {
        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx);
        StiCaServer server = StiCaServer.start(vertx, ca.config().withPublicUrl(
                "http://127.0.0.1:18080")).await();
        try {
            String admin = "http://127.0.0.1:" + server.adminPort();
            JsonObject health = send(client, admin, "GET", "/admin/v1/health", null)
                    .bodyAsJsonObject();
            assertEquals("offline", health.getString("root"), health.encode());
            assertEquals("ok", health.getJsonObject("arl").getString("status"), health.encode());
            byte[] arl = client.getAbs("http://127.0.0.1:" + server.publicPort()
                    + "/crl/root.crl").send().await().body().getBytes();
            String storedSha = OUTCOMES.get(3).transcript().json().getJsonObject("arl")
                    .getString("sha256");
            assertEquals(storedSha, Transcript.sha256(arl));

            HttpResponse<Buffer> rollover = send(client, admin, "POST",
                    "/admin/v1/ca/intermediates/rollover", null);
            assertEquals(409, rollover.statusCode(), rollover.bodyAsString());
            assertTrue(rollover.bodyAsString().contains("ceremony intermediate"),
                    rollover.bodyAsString());

            for (Ceremonies.Outcome outcome : OUTCOMES) {
                HttpResponse<Buffer> imported = send(client, admin, "POST",
                        "/admin/v1/ceremonies", Files.readString(outcome.file()));
                assertEquals(201, imported.statusCode(), imported.bodyAsString());
                assertEquals("ceremony." + outcome.transcript().ceremony(),
                        imported.bodyAsJsonObject().getString("auditType"));
            }
            HttpResponse<Buffer> again = send(client, admin, "POST", "/admin/v1/ceremonies",
                    Files.readString(OUTCOMES.get(0).file()));
            assertEquals(409, again.statusCode(), again.bodyAsString());
            JsonObject forged = OUTCOMES.get(1).record().toJson().put("signature",
                    Base64.getEncoder().encodeToString(OUTCOMES.get(2).record().signature()));
            HttpResponse<Buffer> refused = send(client, admin, "POST", "/admin/v1/ceremonies",
                    forged.encode());
            assertEquals(400, refused.statusCode(), refused.bodyAsString());
            assertEquals(List.of("ceremony.root", "ceremony.crl-signer",
                    "ceremony.intermediate", "ceremony.arl", "ceremony.import-refused"),
                    query("SELECT type FROM audit_event WHERE type LIKE 'ceremony.%'"
                            + " AND type NOT LIKE 'ceremony.pa-%' ORDER BY id"));
            JsonObject verify = send(client, admin, "GET", "/admin/v1/audit-events/verify",
                    null).bodyAsJsonObject();
            assertEquals("intact", verify.getString("status"), verify.encode());
        } finally {
            server.close().await();
            client.close();
            vertx.close().await();
        }
    }

    @Test
    void serve_rootKeyInOnlineTokenWithoutFlag_refusesToStart() {
        try (TestCa online = TestCa.create()) {
            StiCaServer.initCa(online.config());
            online.with("STICA_CA_ROOT_ONLINE", "false");
            Vertx vertx = Vertx.vertx();
            try {
                RuntimeException refused = assertThrows(RuntimeException.class,
                        () -> StiCaServer.start(vertx, online.config()).await());
                Throwable cause = refused;
                while (!(cause instanceof RootKeyOnlineException) && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                assertTrue(cause instanceof RootKeyOnlineException, refused.toString());
                assertTrue(cause.getMessage().contains("ca.rootOnline (STICA_CA_ROOT_ONLINE)"),
                        cause.getMessage());
                assertFalse(cause.getMessage().contains(new String("pin")),
                        cause.getMessage());
            } finally {
                vertx.close().await();
            }
        }
    }

    @Test
    void paCeremonies_rootOfflineSignerAndCrlSignerOnlineUnderIt() throws Exception {
        X509Certificate paRoot = pem(Files.readString(PA_OUTCOMES.get(0).file().getParent()
                .resolve("pa-root.pem")));
        assertEquals(PaKeys.rootName(ca.config().ca().organization()),
                org.bouncycastle.asn1.x500.X500Name.getInstance(
                        paRoot.getSubjectX500Principal().getEncoded()));
        paRoot.verify(paRoot.getPublicKey());
        assertEquals(Transcript.sha256(paRoot.getEncoded()), PA_OUTCOMES.get(0).transcript()
                .json().getJsonObject("certificate").getString("sha256"));
        try (KeyVault online = KeyVaultFactory.open(KeyVaultSettings.forInit(ca.config()))) {
            assertFalse(online.contains(PaKeys.ROOT), "the PA root must not be online");
            for (String alias : List.of(PaKeys.SIGNER, PaKeys.CRL_SIGNER)) {
                List<X509Certificate> chain = online.chain(alias).orElseThrow();
                assertEquals(2, chain.size());
                assertEquals(paRoot, chain.get(1));
                chain.get(0).verify(paRoot.getPublicKey());
            }
            assertTrue(PaKeys.load(online).isPresent());
        }
        for (Ceremonies.Outcome outcome : PA_OUTCOMES) {
            JsonObject verified = new TranscriptVerifier().verify(outcome.record(),
                    List.of(paRoot));
            assertEquals(outcome.transcript().ceremony(), verified.getString("ceremony"));
            assertTrue(verified.getString("csrSha256") != null
                    || "pa-root".equals(verified.getString("ceremony")), verified.encode());
        }
        CeremonyException again = assertThrows(CeremonyException.class, () ->
                Ceremonies.paSigner(ca.config(), ceremony, Clock.systemUTC(), s -> { }));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());
    }

    @Test
    void serve_paRole_paRootOffline_issuesTokensWithCeremonySignerAndImportsPaTranscripts()
            throws Exception {
        X509Certificate paRoot = pem(Files.readString(PA_OUTCOMES.get(0).file().getParent()
                .resolve("pa-root.pem")));
        ca.with("STICA_PA_ROLE_ENABLED", "true");
        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx);
        try {
            StiCaServer server = StiCaServer.start(vertx, ca.config().withPublicUrl(
                    "http://127.0.0.1:18080")).await();
            try {
                String admin = "http://127.0.0.1:" + server.adminPort();
                HttpResponse<Buffer> sp = send(client, admin, "POST",
                        "/admin/v1/service-providers", new JsonObject().put("spc", "7777")
                                .put("name", "Ceremony Telecom").put("scaAllowed", false)
                                .encode());
                assertEquals(201, sp.statusCode(), sp.bodyAsString());
                String apiKey = sp.bodyAsJsonObject().getString("apiKey");
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                String fingerprint = "SHA256 " + HexFormat.ofDelimiter(":").withUpperCase()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(
                                generator.generateKeyPair().getPublic().getEncoded()));
                JsonObject atc = new JsonObject().put("atc", new JsonObject()
                        .put("tktype", "TNAuthList").put("tkvalue", Base64.getEncoder()
                                .encodeToString(spcDer("7777"))).put("ca", false)
                        .put("fingerprint", fingerprint));
                String pub = "http://127.0.0.1:" + server.publicPort();
                HttpResponse<Buffer> issued = client.postAbs(pub + "/api/v1/account/7777/token")
                        .putHeader("Authorization", apiKey)
                        .putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer(atc.encode())).await();
                assertEquals(200, issued.statusCode(), issued.bodyAsString());
                String token = issued.bodyAsJsonObject().getString("token");
                JsonObject header = new JsonObject(new String(Base64.getUrlDecoder()
                        .decode(token.substring(0, token.indexOf('.')))));
                URI x5u = URI.create(header.getString("x5u"));
                HttpResponse<Buffer> signerPem = client.getAbs(pub + x5u.getPath()).send()
                        .await();
                assertEquals(200, signerPem.statusCode());
                X509Certificate signer = pem(signerPem.bodyAsString());
                signer.verify(paRoot.getPublicKey());
                assertEquals(PA_OUTCOMES.get(1).transcript().json().getJsonObject("certificate")
                        .getString("sha256"), Transcript.sha256(signer.getEncoded()));
                assertEquals(paRoot, pem(client.getAbs(pub + "/pa/root.pem").send().await()
                        .bodyAsString()));

                for (Ceremonies.Outcome outcome : PA_OUTCOMES) {
                    HttpResponse<Buffer> imported = send(client, admin, "POST",
                            "/admin/v1/ceremonies", Files.readString(outcome.file()));
                    assertEquals(201, imported.statusCode(), imported.bodyAsString());
                    assertEquals("ceremony." + outcome.transcript().ceremony(),
                            imported.bodyAsJsonObject().getString("auditType"));
                }
                assertEquals(List.of("ceremony.pa-root", "ceremony.pa-signer",
                        "ceremony.pa-crl-signer"), query("SELECT type FROM audit_event"
                        + " WHERE type LIKE 'ceremony.pa-%' ORDER BY id"));
            } finally {
                server.close().await();
            }
        } finally {
            ca.with("STICA_PA_ROLE_ENABLED", "false");
            client.close();
            vertx.close().await();
        }
    }

    @Test
    void serve_paRole_rootOffline_missingPaKeysThenPaRootOnline_refusesToStart()
            throws Exception {
        try (TestCa second = TestCa.create().with("STICA_CA_ROOT_ONLINE", "false")
                .with("STICA_PUBLIC_URL", "http://127.0.0.1:18080");
             SoftHsmFixture secondOffline = SoftHsmFixture.create("ca-offline-2")) {
            CeremonyConfig secondCeremony = new CeremonyConfig(secondOffline.library(),
                    Optional.of(secondOffline.tokenLabel()), java.util.OptionalLong.empty(),
                    secondOffline.pin(), Optional.empty(), Optional.empty());
            Ceremonies.root(second.config(), secondCeremony, Clock.systemUTC(), s -> { });
            Ceremonies.crlSigner(second.config(), secondCeremony, Clock.systemUTC(), s -> { });
            Ceremonies.intermediate(second.config(), secondCeremony, Clock.systemUTC(),
                    s -> { });
            second.with("STICA_PA_ROLE_ENABLED", "true");
            Throwable missing = startFailure(second.config());
            assertTrue(missing instanceof PaKeysMissingException, missing.toString());
            assertTrue(missing.getMessage().contains("ceremony pa-root"), missing.getMessage());
            assertTrue(missing.getMessage().contains("ceremony pa-signer"), missing.getMessage());

            try (KeyVault online = KeyVaultFactory.open(KeyVaultSettings.forInit(
                    second.config()))) {
                java.security.PublicKey key = online.generate(PaKeys.ROOT);
                online.storeChain(PaKeys.ROOT, List.of(PaKeys.certifyRoot(online, key,
                        "Test", java.time.Instant.now(), java.time.Duration.ofDays(30))));
            }
            Throwable refused = startFailure(second.config());
            assertTrue(refused instanceof RootKeyOnlineException, refused.toString());
            assertTrue(refused.getMessage().contains("STI-PA root private key is in the online"
                    + " token"), refused.getMessage());
            assertTrue(refused.getMessage().contains("ca.rootOnline (STICA_CA_ROOT_ONLINE)"),
                    refused.getMessage());
        }
    }

    /** The cause of {@code serve}'s refusal to start (the first non-wrapper in the chain). */
    private static Throwable startFailure(StiCaConfig config) {
        Vertx vertx = Vertx.vertx();
        try {
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> StiCaServer.start(vertx, config).await());
            Throwable cause = refused;
            while (!(cause instanceof RootKeyOnlineException)
                    && !(cause instanceof PaKeysMissingException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        } finally {
            vertx.close().await();
        }
    }

    private static byte[] spcDer(String spc) {
        byte[] code = spc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] der = new byte[6 + code.length];
        der[0] = 0x30;
        der[1] = (byte) (4 + code.length);
        der[2] = (byte) 0xa0;
        der[3] = (byte) (2 + code.length);
        der[4] = 0x16;
        der[5] = (byte) code.length;
        System.arraycopy(code, 0, der, 6, code.length);
        return der;
    }

    private static X509Certificate pem(String text) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new java.io.ByteArrayInputStream(text.getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII)));
    }

    private static HttpResponse<Buffer> send(WebClient client, String base, String method,
                                             String path, String body) {
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.valueOf(method), base + path)
                .bearerTokenAuthentication(TestCa.ADMIN_TOKEN);
        return body == null ? request.send().await()
                : request.putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer(body)).await();
    }

    private static List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(ca.db().jdbcUrl(), ca.db().user(),
                ca.db().password()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
