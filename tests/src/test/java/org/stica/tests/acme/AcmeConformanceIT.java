package org.stica.tests.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * RFC 8555 conformance over real HTTP against the real server (PostgreSQL, SoftHSM): each test
 * names the MUST it checks by section, sends exactly the request that section forbids or
 * requires, and asserts the problem type, status and headers of the answer.
 */
class AcmeConformanceIT {
    private static final int ORDERS_PER_HOUR = 3;
    private static StiCaHarness h;
    private static StiCaServer second;
    private static RawAcme client;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of("STICA_ACME_ORDERS_PER_HOUR",
                Integer.toString(ORDERS_PER_HOUR)));
        second = h.startSecondInstance();
        client = new RawAcme(h.directoryUrl());
        assertEquals(201, client.register().statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.close().await();
        }
        StiCaHarness.closeChecked(h);
    }

    @Test
    void rfc8555_6_2_contentTypeOtherThanJoseJson_is415() throws Exception {
        String url = client.url("newOrder");
        HttpResponse<String> r = RawAcme.postRaw(url, "application/json",
                client.sign(client.kidHeader(url, client.nonce()), order("1234")).encode());
        assertProblem(r, 415, "malformed");
    }

    @Test
    void rfc8555_6_2_protectedHeaderNotBase64url_isMalformed() throws Exception {
        JsonObject body = signedOrder().put("protected", "eyJ+bad=");
        assertProblem(RawAcme.post(client.url("newOrder"), body), 400, "malformed");
    }

    @Test
    void rfc8555_6_2_twoSignaturesGeneralSerialization_isMalformed() throws Exception {
        JsonObject one = signedOrder();
        JsonObject body = new JsonObject().put("payload", one.getString("payload"))
                .put("signatures", new JsonArray()
                        .add(new JsonObject().put("protected", one.getString("protected"))
                                .put("signature", one.getString("signature")))
                        .add(new JsonObject().put("protected", one.getString("protected"))
                                .put("signature", one.getString("signature"))));
        assertProblem(RawAcme.post(client.url("newOrder"), body), 400, "malformed");
    }

    @Test
    void rfc8555_6_2_unprotectedHeader_isMalformed() throws Exception {
        JsonObject body = signedOrder().put("header", new JsonObject().put("kid", client.kid));
        assertProblem(RawAcme.post(client.url("newOrder"), body), 400, "malformed");
    }

    @Test
    void rfc8555_6_2_algNone_isBadSignatureAlgorithmListingAlgorithms() throws Exception {
        String url = client.url("newOrder");
        JsonObject header = new JsonObject().put("alg", "none").put("kid", client.kid)
                .put("nonce", client.nonce()).put("url", url);
        JsonObject body = new JsonObject().put("protected", RawAcme.b64(header.encode()))
                .put("payload", RawAcme.b64(order("1234"))).put("signature", "AAAA");
        JsonObject problem = assertProblem(RawAcme.post(url, body), 400,
                "badSignatureAlgorithm");
        // RFC 8555 §6.2: the problem lists the supported algorithms; ES256 is mandatory
        assertTrue(problem.getJsonArray("algorithms").contains("ES256"), problem.encode());
        assertFalse(problem.getJsonArray("algorithms").contains("none"));
    }

    @Test
    void rfc8555_6_2_hs256WithPublicKeyAsSecret_isRefused() throws Exception {
        // The classic key-confusion attack: MAC the request with the account's public key.
        String url = client.url("newOrder");
        JsonObject header = new JsonObject().put("alg", "HS256").put("kid", client.kid)
                .put("nonce", client.nonce()).put("url", url);
        String input = RawAcme.b64(header.encode()) + "." + RawAcme.b64(order("1234"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(client.key.toPublicJWK().toJSONString()
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String[] parts = input.split("\\.");
        JsonObject body = new JsonObject().put("protected", parts[0]).put("payload", parts[1])
                .put("signature", RawAcme.b64(mac.doFinal(input.getBytes(
                        StandardCharsets.US_ASCII))));
        assertProblem(RawAcme.post(url, body), 400, "badSignatureAlgorithm");
    }

    @Test
    void rfc8555_6_2_kidAndJwkTogether_isMalformed() throws Exception {
        String url = client.url("newOrder");
        JsonObject body = client.sign(client.kidHeader(url, client.nonce())
                .jwk(client.key.toPublicJWK()), order("1234"));
        assertProblem(RawAcme.post(url, body), 400, "malformed");
    }

    @Test
    void rfc8555_6_2_unknownKid_isAccountDoesNotExist() throws Exception {
        String url = client.url("newOrder");
        JsonObject body = client.sign(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(client.kid + "x").customParam("nonce", client.nonce())
                .customParam("url", url), order("1234"));
        assertProblem(RawAcme.post(url, body), 400, "accountDoesNotExist");
    }

    @Test
    void rfc8555_6_2_jwkWithPrivateKey_isBadPublicKey() throws Exception {
        String url = client.url("newAccount");
        RawAcme other = new RawAcme(h.directoryUrl());
        // the jwk carries the private member "d": an account key must be a public key
        JsonObject header = new JsonObject().put("alg", "ES256")
                .put("jwk", new JsonObject(other.key.toJSONObject()))
                .put("nonce", other.nonce()).put("url", url);
        assertProblem(RawAcme.post(url, other.signRaw(header, "{}")), 400, "badPublicKey");
    }

    @Test
    void rfc8555_6_4_urlHeaderNotRequestUrl_isUnauthorized() throws Exception {
        JsonObject body = client.sign(client.kidHeader(client.url("newAccount"),
                client.nonce()), order("1234"));
        assertProblem(RawAcme.post(client.url("newOrder"), body), 403, "unauthorized");
    }

    @Test
    void rfc8555_6_5_nonceReused_isBadNonceWithFreshNonceThatWorks() throws Exception {
        String url = client.url("newOrder");
        String nonce = client.nonce();
        assertEquals(201, RawAcme.post(url, client.sign(client.kidHeader(url, nonce),
                order("1234"))).statusCode());
        HttpResponse<String> again = RawAcme.post(url, client.sign(client.kidHeader(url, nonce),
                order("1234")));
        assertProblem(again, 400, "badNonce");
        String fresh = again.headers().firstValue("Replay-Nonce").orElseThrow();
        assertNotEquals(nonce, fresh);
        // RFC 8555 §6.5: the client retries with the nonce of the error response
        assertEquals(201, RawAcme.post(url, client.sign(client.kidHeader(url, fresh),
                order("1234"))).statusCode());
    }

    @Test
    void rfc8555_6_5_nonceFromOtherInstance_acceptedOnceThenBadNonce() throws Exception {
        RawAcme atFirst = new RawAcme(h.directoryUrl());
        RawAcme atSecond = new RawAcme(second.directoryUrl());
        // a nonce issued by the second instance is redeemed by the first (shared database) ...
        String nonce = RawAcme.nonceFrom(atSecond.url("newNonce"));
        String firstUrl = atFirst.url("newAccount");
        HttpResponse<String> created = RawAcme.post(firstUrl, atFirst.sign(
                atFirst.jwkHeader(firstUrl, nonce), "{\"termsOfServiceAgreed\":true}"));
        assertEquals(201, created.statusCode(), created.body());
        // ... and exactly once: replayed at the second instance it is a badNonce
        String secondUrl = atSecond.url("newAccount");
        HttpResponse<String> replay = RawAcme.post(secondUrl, atSecond.sign(
                atSecond.jwkHeader(secondUrl, nonce), "{\"termsOfServiceAgreed\":true}"));
        assertProblem(replay, 400, "badNonce");
        String fresh = replay.headers().firstValue("Replay-Nonce").orElseThrow();
        // the fresh nonce from the second instance works at the first
        RawAcme third = new RawAcme(h.directoryUrl());
        assertEquals(201, RawAcme.post(firstUrl, third.sign(third.jwkHeader(firstUrl, fresh),
                "{}")).statusCode());
    }

    @Test
    void rfc8555_7_3_6_deactivatedAtOneInstance_isRefusedAtTheOther() throws Exception {
        RawAcme account = new RawAcme(h.directoryUrl());
        assertEquals(201, account.register().statusCode());
        String atFirst = account.kid;
        String atSecond = second.publicUrl() + atFirst.substring(h.server().publicUrl().length());
        // the second instance reads (and caches) the valid account ...
        account.kid = atSecond;
        assertEquals(200, account.post(atSecond, "").statusCode());
        // ... the first deactivates it ...
        account.kid = atFirst;
        assertEquals(200, account.post(atFirst, "{\"status\":\"deactivated\"}").statusCode());
        // ... and the second refuses it as soon as the change notification arrives (the cache
        // would otherwise serve the valid account for a minute)
        account.kid = atSecond;
        long deadline = System.nanoTime() + 5_000_000_000L;
        HttpResponse<String> refused = account.post(atSecond, "");
        while (refused.statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            refused = account.post(atSecond, "");
        }
        assertProblem(refused, 401, "unauthorized");
    }

    @Test
    void rfc8555_6_3_getOnPostOnlyResource_is405WithIndexLink() throws Exception {
        HttpResponse<String> r = RawAcme.get(client.url("newOrder"));
        assertProblem(r, 405, "malformed");
        assertTrue(r.headers().allValues("Link").stream()
                .anyMatch(l -> l.contains("rel=\"index\"")), r.headers().toString());
    }

    @Test
    void rfc8555_7_2_newNonce_headIs200GetIs204NoStore() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (String method : List.of("HEAD", "GET")) {
            HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(client.url("newNonce")))
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(method.equals("HEAD") ? 200 : 204, r.statusCode());
            assertTrue(r.headers().firstValue("Replay-Nonce").orElseThrow().length() >= 22);
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
        }
    }

    @Test
    void rfc8555_7_1_1_directory_hasMetaRenewalInfoAndCacheControl() throws Exception {
        HttpResponse<String> r = RawAcme.get(h.directoryUrl());
        JsonObject dir = new JsonObject(r.body());
        JsonObject meta = dir.getJsonObject("meta");
        assertEquals(false, meta.getBoolean("externalAccountRequired"));
        assertTrue(meta.getJsonObject("profiles").containsKey("shaken"));
        assertTrue(dir.getString("renewalInfo").startsWith(h.server().publicUrl()));
        assertTrue(dir.containsKey("keyChange"));
        assertTrue(r.headers().firstValue("Cache-Control").isPresent());
    }

    @Test
    void rfc8555_7_3_onlyReturnExistingForUnknownKey_isAccountDoesNotExist() throws Exception {
        RawAcme stranger = new RawAcme(h.directoryUrl());
        String url = stranger.url("newAccount");
        assertProblem(RawAcme.post(url, stranger.sign(stranger.jwkHeader(url, stranger.nonce()),
                "{\"onlyReturnExisting\":true}")), 400, "accountDoesNotExist");
    }

    @Test
    void rfc8555_7_4_identifierTypes_unsupportedAndRejected() throws Exception {
        String dns = new JsonObject().put("identifiers", new JsonArray().add(new JsonObject()
                .put("type", "dns").put("value", "example.com"))).encode();
        assertProblem(client.post(client.url("newOrder"), dns), 400, "unsupportedIdentifier");
        // STANDARDS.md §3.1.4: an SPC this CA does not accept → rejectedIdentifier
        assertProblem(client.post(client.url("newOrder"), order("12345")), 400,
                "rejectedIdentifier");
    }

    @Test
    void profiles_unknownProfile_isInvalidProfile() throws Exception {
        // draft-ietf-acme-profiles §3 (STANDARDS.md §5.4.2): a profile not advertised
        String payload = new JsonObject(order("1234")).put("profile", "tls-server").encode();
        assertProblem(client.post(client.url("newOrder"), payload), 400, "invalidProfile");
    }

    @Test
    void rfc8555_7_4_finalizePendingOrder_isOrderNotReady() throws Exception {
        RawAcme fresh = new RawAcme(h.directoryUrl());
        fresh.register();
        JsonObject created = new JsonObject(fresh.post(fresh.url("newOrder"), order("1234"))
                .body());
        KeyPair certKey = TestStiPa.ecKey();
        String csr = RawAcme.b64(TnAuthCsr.build(certKey, Carrier.spcDer("1234")));
        assertProblem(fresh.post(created.getString("finalize"),
                new JsonObject().put("csr", csr).encode()), 403, "orderNotReady");
    }

    @Test
    void rfc8555_7_4_csrForOtherIdentifier_isBadCsr() throws Exception {
        RawAcme fresh = new RawAcme(h.directoryUrl());
        fresh.register();
        JsonObject created = new JsonObject(fresh.post(fresh.url("newOrder"), order("1234"))
                .body());
        JsonObject authz = new JsonObject(fresh.post(created.getJsonArray("authorizations")
                .getString(0), "").body());
        String token = h.pa.mint(TestStiPa.claims(Carrier.base64Url(Carrier.spcDer("1234")),
                Carrier.fingerprint(fresh.key.toECPublicKey())));
        HttpResponse<String> answered = fresh.post(authz.getJsonArray("challenges")
                .getJsonObject(0).getString("url"), new JsonObject().put("atc", token).encode());
        assertEquals("valid", new JsonObject(answered.body()).getString("status"),
                answered.body());
        // RFC 8555 §7.4: the CSR must ask for exactly the order's identifiers
        String csr = RawAcme.b64(TnAuthCsr.build(TestStiPa.ecKey(), Carrier.spcDer("9999")));
        assertProblem(fresh.post(created.getString("finalize"),
                new JsonObject().put("csr", csr).encode()), 400, "badCSR");
    }

    @Test
    void rfc8555_6_6_ordersOverPerAccountLimit_isRateLimitedWithRetryAfter() throws Exception {
        RawAcme busy = new RawAcme(h.directoryUrl());
        busy.register();
        for (int i = 0; i < ORDERS_PER_HOUR; i++) {
            assertEquals(201, busy.post(busy.url("newOrder"), order("1234")).statusCode());
        }
        HttpResponse<String> limited = busy.post(busy.url("newOrder"), order("1234"));
        assertProblem(limited, 429, "rateLimited");
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) > 0);
    }

    @Test
    void bodyOverConfiguredLimit_is413WithNonce() throws Exception {
        HttpResponse<String> r = RawAcme.postRaw(client.url("newOrder"), RawAcme.JOSE,
                "{\"payload\":\"" + "A".repeat(70 * 1024) + "\"}");
        assertProblem(r, 413, "malformed");
        assertTrue(r.headers().firstValue("Replay-Nonce").isPresent());
    }

    private static JsonObject signedOrder() throws Exception {
        String url = client.url("newOrder");
        return client.sign(client.kidHeader(url, client.nonce()), order("1234"));
    }

    static String order(String spc) {
        return new JsonObject().put("identifiers", new JsonArray().add(new JsonObject()
                .put("type", "TNAuthList").put("value",
                        Carrier.base64Url(Carrier.spcDer(spc))))).encode();
    }

    /**
     * RFC 8555 §6.7: a problem document with the ACME type and status; §6.5: POST answers carry a
     * fresh Replay-Nonce, errors included; §7.1: a Link rel="index".
     */
    static JsonObject assertProblem(HttpResponse<String> r, int status, String type) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json",
                r.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = new JsonObject(r.body());
        assertEquals("urn:ietf:params:acme:error:" + type, problem.getString("type"), r.body());
        assertEquals(status, problem.getInteger("status"));
        assertFalse(r.body().contains("Exception"), r.body());
        if (r.request().method().equals("POST")) {
            assertTrue(r.headers().firstValue("Replay-Nonce").isPresent(), "no Replay-Nonce");
        }
        assertTrue(r.headers().allValues("Link").stream().anyMatch(l -> l.contains("index")));
        return problem;
    }
}
