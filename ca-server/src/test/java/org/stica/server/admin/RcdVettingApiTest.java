package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.rcd.JwtClaimConstraints;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.server.TestCa;

/**
 * RCD vetting through the admin API on a real server (issue 19): an operator records an RCD set,
 * a second operator approves it, and the server fetches the icon from a local HTTPS server under
 * the x5u allow-list, pins its SHA-256 digest in {@code rcdi} (RFC 9795 §6.1) and shows the
 * JWTClaimConstraints extension (RFC 8226 §8, RFC 9795 §6.3) as the ACME identifier value. The
 * recorder cannot approve alone; bad input, a URL off the allow-list and a redirect are problems
 * that change nothing. The fetcher trusts the JVM's default trust store, which this test points
 * at the icon server's self-signed certificate for its duration.
 */
class RcdVettingApiTest {
    private static final String SUBSCRIBERS = "/admin/v1/subscribers";
    private static final String[] TRUST_PROPERTIES = {"javax.net.ssl.trustStore",
        "javax.net.ssl.trustStoreType", "javax.net.ssl.trustStorePassword"};
    private static final Map<String, String> SAVED = new HashMap<>();

    private static final byte[] ICON = new byte[1500];
    private static String card;
    private static Vertx iconVertx;
    private static HttpServer icons;
    private static String allowed;
    private static AdminTestServer admin;
    private static String recorder;
    private static String approver;
    private static String auditor;
    private static String subscriber;

    @BeforeAll
    static void setUp() throws Exception {
        new SecureRandom().nextBytes(ICON);
        Path dir = Files.createTempDirectory("rcd-vetting");
        KeyPair key = ecKey();
        X509Certificate cert = selfSigned(key);
        KeyStore server = KeyStore.getInstance("PKCS12");
        server.load(null, null);
        server.setKeyEntry("icons", key.getPrivate(), "pw".toCharArray(),
                new Certificate[] {cert});
        ByteArrayOutputStream serverStore = new ByteArrayOutputStream();
        server.store(serverStore, "pw".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("icons", cert);
        Path trustFile = dir.resolve("trust.p12");
        try (var out = Files.newOutputStream(trustFile)) {
            trust.store(out, "changeit".toCharArray());
        }
        for (String property : TRUST_PROPERTIES) {
            SAVED.put(property, System.getProperty(property));
        }
        System.setProperty("javax.net.ssl.trustStore", trustFile.toString());
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");

        iconVertx = Vertx.vertx();
        icons = iconVertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(new PfxOptions().setValue(Buffer.buffer(
                                serverStore.toByteArray())).setPassword("pw")))
                .requestHandler(request -> {
                    switch (request.path()) {
                        case "/rcd/icon.png", "/other/icon.png" -> request.response()
                                .putHeader("Content-Type", "image/png").end(Buffer.buffer(ICON));
                        case "/rcd/card.json" -> request.response()
                                .putHeader("Content-Type", "application/json").end(card);
                        case "/rcd/moved" -> request.response().setStatusCode(302)
                                .putHeader("Location", "/rcd/icon.png").end();
                        default -> request.response().setStatusCode(404).end();
                    }
                })
                .listen(0, "127.0.0.1").await();
        allowed = "https://127.0.0.1:" + icons.actualPort() + "/rcd/";
        card = new JsonArray().add("vcard").add(new JsonArray()
                .add(new JsonArray().add("version").add(new JsonObject()).add("text").add("4.0"))
                .add(new JsonArray().add("fn").add(new JsonObject()).add("text").add("Q Branch"))
                .add(new JsonArray().add("logo").add(new JsonObject()).add("uri")
                        .add(allowed + "icon.png"))).encode();

        admin = AdminTestServer.start(TestCa.create().with("STICA_X5U_ALLOWED_PREFIXES",
                allowed));
        recorder = key("rcd-recorder", "operator");
        approver = key("rcd-approver", "operator");
        auditor = key("rcd-auditor", "auditor");
        HttpResponse<Buffer> created = send("POST", SUBSCRIBERS, recorder, new JsonObject()
                .put("legalName", "Q Branch Ltd").put("country", "GB").encode());
        assertEquals(201, created.statusCode(), created.bodyAsString());
        subscriber = created.bodyAsJsonObject().getString("id");
    }

    @AfterAll
    static void tearDown() {
        try {
            if (admin != null) {
                admin.close();
            }
            if (iconVertx != null) {
                iconVertx.close().await();
            }
        } finally {
            SAVED.forEach((property, value) -> {
                if (value == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, value);
                }
            });
        }
    }

    @Test
    void approve_bySecondOperator_pinsTheFetchedIconInTheExtension() throws Exception {
        JsonObject set = create(new JsonObject().put("nam", "Q Branch Spy Gadgets")
                .put("icn", allowed + "icon.png")
                .put("crn", new JsonArray().add("Gadget delivery")));
        assertEquals("pending", set.getString("status"));
        assertNull(set.getValue("identifier"), "no identifier before approval");

        HttpResponse<Buffer> approved = send("POST", path(set) + "/approve", approver, null);
        assertEquals(200, approved.statusCode(), approved.bodyAsString());
        JsonObject shown = get(set);
        assertEquals(approved.bodyAsJsonObject(), shown);
        assertEquals("approved", shown.getString("status"));
        assertTrue(shown.getString("decidedBy").startsWith("admin-key:"), shown.encode());

        // The identifier is base64url of the extension value DER; decode it independently.
        JsonObject identifier = shown.getJsonObject("identifier");
        assertEquals("JWTClaimConstraints", identifier.getString("type"));
        byte[] der = Base64.getUrlDecoder().decode(identifier.getString("value"));
        assertEquals("1.3.6.1.5.5.7.1.27", shown.getString("extensionOid"));
        JwtClaimConstraints constraints = JwtClaimConstraintsCodec.decode(
                JwtClaimConstraintsCodec.ID_PE_27, der);
        assertEquals(List.of("rcd", "rcdi"), constraints.mustInclude());
        assertEquals(List.of("Gadget delivery"), constraints.permitted("crn").orElseThrow());

        // RFC 9795 §6.1: /icn hashes the exact bytes fetched; /nam the JSON string with quotes.
        JsonObject rcdi = new JsonObject(constraints.permitted("rcdi").orElseThrow().get(0));
        assertEquals(shown.getJsonObject("rcdi"), rcdi);
        assertEquals("sha256-" + sha256(ICON), rcdi.getString("/icn"));
        assertEquals("sha256-sM275lTgzCte+LHOKHtU4SxG8shlOo6OS4ot8IJQImY",
                rcdi.getString("/nam"), "RFC 9795 §8.3 /nam vector");
        assertEquals(2, rcdi.size());
        assertTrue(events("rcd.set.approved").contains(set.getString("id")));
    }

    @Test
    void approve_jCardByUrl_pinsTheCardBytesAndTheUriInside() throws Exception {
        JsonObject set = create(new JsonObject().put("nam", "Q Branch")
                .put("jcl", allowed + "card.json"));

        HttpResponse<Buffer> approved = send("POST", path(set) + "/approve", approver, null);
        assertEquals(200, approved.statusCode(), approved.bodyAsString());
        JsonObject rcdi = approved.bodyAsJsonObject().getJsonObject("rcdi");
        // RFC 9795 §6.1.4: /jcl hashes the fetched card, /jcl/1/2/3 the logo it names.
        assertEquals("sha256-" + sha256(card.getBytes(StandardCharsets.UTF_8)),
                rcdi.getString("/jcl"));
        assertEquals("sha256-" + sha256(ICON), rcdi.getString("/jcl/1/2/3"));
        assertEquals(Set.of("/nam", "/jcl", "/jcl/1/2/3"), rcdi.fieldNames());
    }

    @Test
    void approve_byTheRecorder_isRefusedAndChangesNothing() {
        JsonObject set = create(new JsonObject().put("nam", "Alone"));

        HttpResponse<Buffer> response = send("POST", path(set) + "/approve", recorder, null);
        assertProblem(response, 403, "sameApprover");
        assertEquals(set, get(set));
    }

    @Test
    void approve_iconOffTheAllowListOrRedirected_isAProblemAndChangesNothing() {
        String offList = "https://127.0.0.1:" + icons.actualPort() + "/other/icon.png";
        for (String icon : List.of(offList, allowed + "moved", allowed + "missing.png")) {
            JsonObject set = create(new JsonObject().put("nam", "Fetch").put("icn", icon));

            HttpResponse<Buffer> response = send("POST", path(set) + "/approve", approver, null);
            JsonObject problem = assertProblem(response, 422, "rcdResourceUnavailable");
            assertTrue(problem.getString("detail").contains("/icn"), problem.encode());
            assertEquals(set, get(set), "still pending, nothing stored");
        }
        assertTrue(problemDetail(offList).contains("allow-list"));
        assertTrue(problemDetail(allowed + "moved").contains("redirects are not followed"));
    }

    @Test
    void create_badInput_isAProblemAndRecordsNothing() {
        int before = list().size();
        for (JsonObject body : List.of(new JsonObject(),
                new JsonObject().put("nam", "X").put("icn", "http://icons.example/x.png"),
                new JsonObject().put("nam", "X").put("jcl", "https://a.example/c.json")
                        .put("jcd", new JsonArray().add("vcard").add(new JsonArray())),
                new JsonObject().put("nam", "X").put("logo", "https://a.example/x.png"),
                new JsonObject().put("nam", "X").put("crn", "not an array"),
                new JsonObject().put("nam", "X").put("crn", new JsonArray().add(" padded")),
                new JsonObject().put("nam", 7))) {
            HttpResponse<Buffer> response = send("POST", sets(), recorder, body.encode());
            assertEquals(400, response.statusCode(), body.encode() + ": "
                    + response.bodyAsString());
            assertEquals("application/problem+json", response.getHeader("Content-Type"));
        }
        assertProblem(send("POST", SUBSCRIBERS + "/nobody/rcd-sets", recorder,
                new JsonObject().put("nam", "X").encode()), 404, "notFound");
        assertEquals(403, send("POST", sets(), auditor, new JsonObject().put("nam", "X")
                .encode()).statusCode(), "an auditor may not record a set");
        assertEquals(before, list().size());
    }

    @Test
    void rejectAndWithdraw_closeTheSetForGood() {
        JsonObject rejected = create(new JsonObject().put("nam", "Rejected"));
        assertEquals(200, send("POST", path(rejected) + "/reject", approver, null).statusCode());
        assertEquals("rejected", get(rejected).getString("status"));
        assertProblem(send("POST", path(rejected) + "/approve", approver, null), 409,
                "notPending");
        assertProblem(send("POST", path(rejected) + "/withdraw", recorder, null), 409,
                "notPending");

        JsonObject withdrawn = create(new JsonObject().put("nam", "Withdrawn"));
        assertEquals(200, send("POST", path(withdrawn) + "/approve", approver, null)
                .statusCode());
        assertEquals(200, send("POST", path(withdrawn) + "/withdraw", recorder, null)
                .statusCode());
        assertEquals("withdrawn", get(withdrawn).getString("status"));
        assertTrue(events("rcd.set.withdrawn").contains(withdrawn.getString("id")));
        assertProblem(send("GET", SUBSCRIBERS + "/nobody/rcd-sets/" + withdrawn.getString("id"),
                auditor, null), 404, "notFound");
    }

    private static String problemDetail(String icon) {
        JsonObject set = create(new JsonObject().put("nam", "Detail").put("icn", icon));
        return send("POST", path(set) + "/approve", approver, null).bodyAsJsonObject()
                .getString("detail");
    }

    private static JsonObject assertProblem(HttpResponse<Buffer> response, int status,
                                            String type) {
        assertEquals(status, response.statusCode(), response.bodyAsString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        JsonObject problem = response.bodyAsJsonObject();
        assertTrue(problem.getString("type").endsWith(type), problem.encode());
        assertFalse(problem.encode().contains("Exception"), "no stack trace to the client");
        return problem;
    }

    private static JsonObject create(JsonObject body) {
        HttpResponse<Buffer> response = send("POST", sets(), recorder, body.encode());
        assertEquals(201, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    private static JsonObject get(JsonObject set) {
        HttpResponse<Buffer> response = send("GET", path(set), auditor, null);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    private static JsonArray list() {
        HttpResponse<Buffer> response = send("GET", sets(), auditor, null);
        assertEquals(200, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject().getJsonArray("items");
    }

    private static String sets() {
        return SUBSCRIBERS + "/" + subscriber + "/rcd-sets";
    }

    private static String path(JsonObject set) {
        return sets() + "/" + set.getString("id");
    }

    private static String events(String type) {
        return send("GET", "/admin/v1/audit-events?type=" + type, TestCa.ADMIN_TOKEN, null)
                .bodyAsString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        // RFC 9795 §8.3 digests are base64 without padding.
        return Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance(
                "SHA-256")
                .digest(bytes));
    }

    private static String key(String name, String role) {
        HttpResponse<Buffer> response = send("POST", "/admin/v1/api-keys", TestCa.ADMIN_TOKEN,
                new JsonObject().put("name", name).put("role", role).encode());
        assertEquals(201, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject().getString("secret");
    }

    private static HttpResponse<Buffer> send(String method, String path, String key,
                                             String body) {
        return admin.send(method, path, key, body);
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair key) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=icons.test");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), name, key.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }
}
