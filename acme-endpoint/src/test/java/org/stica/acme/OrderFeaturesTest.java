package org.stica.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.support.Problems.assertProblem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.service.CertId;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;
import org.stica.acme.support.Await;
import org.stica.acme.support.TestPki;
import org.stica.acme.support.TnAuthLists;

/**
 * Orders list paging (RFC 8555 §7.1.2.1), the per-account rate limit (§6.6), profiles
 * (draft-ietf-acme-profiles) and ARI (RFC 9773) over real HTTP and PostgreSQL.
 */
class OrderFeaturesTest {
    private static final int PAGE = 2;
    private static final int PER_HOUR = 4;
    private static final byte[] SPC_1234 = TnAuthLists.spcs("1234");

    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer(java.time.Clock.systemUTC(),
            c -> new AcmeConfig(c.publicUrl(), c.basePath(), c.nonceLifetime(),
                    c.orderLifetime(), c.authzLifetime(), c.maxBodyBytes(), c.spcPattern(),
                    c.termsOfService(), c.website(), false, PER_HOUR, PAGE, 3));

    @Test
    void ordersList_moreThanAPage_pagesWithLinkNext() {
        AcmeTestClient client = account();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(newOrder(client, new JsonObject()).getHeader("Location"));
        }
        HttpResponse<Buffer> first = client.post(client.kid() + "/orders", "");
        assertEquals(200, first.statusCode(), first.bodyAsString());
        assertEquals(created.subList(0, PAGE), first.bodyAsJsonObject().getJsonArray("orders")
                .getList());
        // RFC 8555 §7.1.2.1: further pages are linked with rel="next".
        String next = nextLink(first);
        HttpResponse<Buffer> second = client.post(next, "");
        assertEquals(created.subList(PAGE, 3), second.bodyAsJsonObject()
                .getJsonArray("orders").getList());
        assertFalse(second.headers().getAll("Link").stream().anyMatch(l -> l.contains("next")));
        // RFC 8555 §7.1.2.1: only the account itself may read its orders list.
        assertProblem(account().post(client.kid() + "/orders", ""), 403, "unauthorized");
    }

    @Test
    void newOrder_overPerAccountLimit_isRateLimitedWithRetryAfter() {
        AcmeTestClient client = account();
        for (int i = 0; i < PER_HOUR; i++) {
            assertEquals(201, newOrder(client, new JsonObject()).statusCode());
        }
        int told = server.activity.size();
        HttpResponse<Buffer> refused = newOrder(client, new JsonObject());
        // RFC 8555 §6.6: rateLimited carries Retry-After.
        assertProblem(refused, 429, "rateLimited");
        assertEquals(List.of("rateLimited newOrder"), server.activitySince(told));
        long retry = Long.parseLong(refused.getHeader("Retry-After"));
        assertTrue(retry > 0 && retry <= 3600, "Retry-After " + retry);
        assertNotNull(refused.getHeader("Replay-Nonce"));
        // the limit is per account: another account still orders
        assertEquals(201, newOrder(account(), new JsonObject()).statusCode());
    }

    @Test
    void directory_meta_advertisesProfilesAndRenewalInfo() {
        JsonObject dir = Await.result(WebClient.create(server.vertx)
                .getAbs(server.url("/directory")).send()).bodyAsJsonObject();
        JsonObject profiles = dir.getJsonObject("meta").getJsonObject("profiles");
        assertTrue(profiles.containsKey("shaken") && profiles.containsKey("shaken-shortlived"));
        assertEquals(server.url("/renewal-info"), dir.getString("renewalInfo"));
    }

    @Test
    void newOrder_profiles_echoedDefaultedOrRefused() {
        AcmeTestClient client = account();
        // draft-ietf-acme-profiles: no profile → the server picks and records one
        assertEquals("shaken", newOrder(client, new JsonObject()).bodyAsJsonObject()
                .getString("profile"));
        assertEquals("shaken-shortlived", newOrder(client,
                new JsonObject().put("profile", "shaken-shortlived")).bodyAsJsonObject()
                .getString("profile"));
        // draft-ietf-acme-profiles §3: a profile not advertised → invalidProfile
        assertProblem(newOrder(client, new JsonObject().put("profile", "tls-server")), 400,
                "invalidProfile");
    }

    @Test
    void finalize_shortLivedProfile_requestsConfiguredValidity() {
        AcmeTestClient client = account();
        JsonObject order = readyOrder(client, new JsonObject().put("profile", "shaken-shortlived"));
        Instant before = Instant.now();
        client.post(order.getString("finalize"), new JsonObject().put("csr",
                AcmeTestClient.b64(TestPki.csr(TestPki.p256(), SPC_1234))));
        List<IssuanceRequest> issued = server.ca.issued();
        Instant notAfter = issued.get(issued.size() - 1).notAfter().orElseThrow();
        Duration validity = Duration.between(before, notAfter);
        assertTrue(validity.compareTo(Duration.ofDays(3).minusMinutes(1)) > 0
                && validity.compareTo(Duration.ofDays(3).plusMinutes(1)) < 0, validity::toString);
    }

    @Test
    void order_processing_carriesRetryAfter() throws Exception {
        AcmeTestClient client = account();
        JsonObject order = readyOrder(client, new JsonObject());
        io.vertx.core.Promise<Void> gate = io.vertx.core.Promise.promise();
        server.ca.holdIssuanceUntil(gate.future());
        AcmeTestClient finalizer = client.withKey(client.key());
        var finalizing = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                finalizer.post(order.getString("finalize"), new JsonObject().put("csr",
                        AcmeTestClient.b64(TestPki.csr(TestPki.p256(), SPC_1234)))));
        try {
            String orderUrl = order.getString("finalize").replace("/finalize", "");
            HttpResponse<Buffer> polled = client.post(orderUrl, "");
            for (int i = 0; i < 50 && !"processing".equals(polled.bodyAsJsonObject()
                    .getString("status")); i++) {
                Thread.sleep(50);
                polled = client.post(orderUrl, "");
            }
            // RFC 8555 §7.4 / §8.2: a processing order tells the client when to poll again
            assertEquals("processing", polled.bodyAsJsonObject().getString("status"));
            assertEquals("1", polled.getHeader("Retry-After"));
        } finally {
            gate.complete();
            server.ca.holdIssuanceUntil(io.vertx.core.Future.succeededFuture());
        }
        HttpResponse<Buffer> done = finalizing.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("valid", done.bodyAsJsonObject().getString("status"), done.bodyAsString());
        assertEquals(null, done.getHeader("Retry-After"));
    }

    @Test
    void renewalInfo_issuedCertificate_suggestsWindowThenRenewNowWhenRevoked() throws Exception {
        AcmeTestClient client = account();
        X509Certificate cert = issue(client);
        String certId = certId(cert);
        HttpResponse<Buffer> info = get("/renewal-info/" + certId);
        assertEquals(200, info.statusCode(), info.bodyAsString());
        // RFC 9773 §4.2: end after start; §4.3: Retry-After present
        JsonObject window = info.bodyAsJsonObject().getJsonObject("suggestedWindow");
        Instant start = Instant.parse(window.getString("start"));
        Instant end = Instant.parse(window.getString("end"));
        assertTrue(end.isAfter(start));
        assertTrue(start.isAfter(Instant.now()), "a fresh certificate is not due yet");
        assertEquals("21600", info.getHeader("Retry-After"));

        assertEquals(200, client.post(server.url("/revoke-cert"), new JsonObject()
                .put("certificate", AcmeTestClient.b64(cert.getEncoded()))).statusCode());
        JsonObject urgent = get("/renewal-info/" + certId).bodyAsJsonObject()
                .getJsonObject("suggestedWindow");
        // STANDARDS.md §5.3.6: a revoked certificate gets a window that is open now
        Instant now = Instant.now();
        assertFalse(Instant.parse(urgent.getString("start")).isAfter(now));
        assertTrue(Instant.parse(urgent.getString("end")).isAfter(now));
    }

    @Test
    void renewalInfo_unknownOrMalformedCertId_is404Or400() {
        // RFC 9773 §4.1 / STANDARDS.md §5.3.4: unknown certificate → 404
        assertProblem(get("/renewal-info/aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"), 404, "malformed");
        assertProblem(get("/renewal-info/not-a-cert-id"), 400, "malformed");
        assertProblem(get("/renewal-info/aYhba4dGQEHhs3uEe6CuLN4ByNQ=.AIdlQyE"), 400,
                "malformed");
    }

    @Test
    void certId_rfc9773Example_encodesAndParses() {
        // RFC 9773 §4.1 example (STANDARDS.md §7.5)
        byte[] aki = java.util.HexFormat.of().parseHex("69885B6B87464041E1B37B847BA0AE2CDE01C8D4");
        CertId id = CertId.of(aki, new java.math.BigInteger("0087654321", 16));
        assertEquals("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", id.text());
        assertEquals("87654321", CertId.parse("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE").serialHex());
    }

    @Test
    void newOrder_replaces_acceptedOnceThenAlreadyReplaced() throws Exception {
        AcmeTestClient client = account();
        String certId = certId(issue(client));
        // RFC 9773 §5: another account may not replace it
        assertProblem(newOrder(account(), new JsonObject().put("replaces", certId)), 403,
                "unauthorized");
        HttpResponse<Buffer> first = newOrder(client, new JsonObject().put("replaces", certId));
        assertEquals(201, first.statusCode(), first.bodyAsString());
        assertEquals(certId, first.bodyAsJsonObject().getString("replaces"));
        // RFC 9773 §5 / §7.4: a second live replacement → 409 alreadyReplaced
        assertProblem(newOrder(client, new JsonObject().put("replaces", certId)), 409,
                "alreadyReplaced");
    }

    private static X509Certificate issue(AcmeTestClient client) throws Exception {
        JsonObject order = readyOrder(client, new JsonObject());
        JsonObject done = client.post(order.getString("finalize"), new JsonObject().put("csr",
                AcmeTestClient.b64(TestPki.csr(TestPki.p256(), SPC_1234)))).bodyAsJsonObject();
        String pem = client.post(done.getString("certificate"), "").bodyAsString();
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String certId(X509Certificate cert) {
        return CertId.of(server.ca.caKeyId(), cert.getSerialNumber()).text();
    }

    private static JsonObject readyOrder(AcmeTestClient client, JsonObject extra) {
        JsonObject order = newOrder(client, extra).bodyAsJsonObject();
        String authz = order.getJsonArray("authorizations").getString(0);
        String challenge = client.post(authz, "").bodyAsJsonObject().getJsonArray("challenges")
                .getJsonObject(0).getString("url");
        assertEquals("valid", client.post(challenge, new JsonObject().put("atc", "t.o.k"))
                .bodyAsJsonObject().getString("status"));
        return order;
    }

    private static HttpResponse<Buffer> newOrder(AcmeTestClient client, JsonObject extra) {
        JsonObject payload = extra.copy().put("identifiers", new JsonArray().add(new JsonObject()
                .put("type", "TNAuthList").put("value", TnAuthLists.text(SPC_1234))));
        return client.post(server.url("/new-order"), payload);
    }

    private static AcmeTestClient account() {
        AcmeTestClient client = new AcmeTestClient(server);
        assertEquals(201, client.newAccount().statusCode());
        return client;
    }

    private static String nextLink(HttpResponse<Buffer> response) {
        for (String link : response.headers().getAll("Link")) {
            if (link.endsWith(";rel=\"next\"")) {
                return link.substring(1, link.indexOf('>'));
            }
        }
        throw new AssertionError("no Link rel=next: " + response.headers().getAll("Link"));
    }

    private static HttpResponse<Buffer> get(String path) {
        return Await.result(WebClient.create(server.vertx).getAbs(server.url(path)).send());
    }
}
