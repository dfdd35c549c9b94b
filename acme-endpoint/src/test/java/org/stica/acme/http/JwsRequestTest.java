package org.stica.acme.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.acme.support.Problems.assertProblem;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stica.acme.support.AcmeTestClient;
import org.stica.acme.support.AcmeTestServer;

/**
 * The JWS checks of RFC 8555 §6.2–§6.5 as a client sees them: each broken request gets the
 * specified problem document and a fresh Replay-Nonce.
 */
class JwsRequestTest {
    @RegisterExtension
    static final AcmeTestServer server = new AcmeTestServer();

    @Test
    void post_paddedBase64InProtected_isMalformed() {
        AcmeTestClient client = account();
        JsonObject body = client.signedBody(newOrderUrl(), "{}");
        body.put("protected", body.getString("protected") + "=");
        // RFC 7515 §2 / RFC 8555 §6.2: base64url without padding only.
        assertProblem(send(client, body), 400, "malformed");
    }

    @Test
    void post_nonBase64UrlCharacters_isMalformed() {
        AcmeTestClient client = account();
        JsonObject body = client.signedBody(newOrderUrl(), "{}");
        body.put("signature", body.getString("signature").substring(2) + "+/");
        assertProblem(send(client, body), 400, "malformed");
    }

    @Test
    void post_generalSerializationWithTwoSignatures_isMalformed() {
        AcmeTestClient client = account();
        JsonObject one = client.signedBody(newOrderUrl(), "{}");
        JsonObject signature = new JsonObject().put("protected", one.getString("protected"))
                .put("signature", one.getString("signature"));
        JsonObject body = new JsonObject().put("payload", one.getString("payload"))
                .put("signatures", new JsonArray().add(signature).add(signature.copy()));
        // RFC 8555 §6.2: flattened serialization with one signature only.
        assertProblem(send(client, body), 400, "malformed");
    }

    @Test
    void post_unprotectedHeader_isMalformed() {
        AcmeTestClient client = account();
        JsonObject body = client.signedBody(newOrderUrl(), "{}")
                .put("header", new JsonObject().put("kid", client.kid()));
        // RFC 8555 §6.2: no unprotected header.
        assertProblem(send(client, body), 400, "malformed");
    }

    @Test
    void post_extraMember_isMalformed() {
        AcmeTestClient client = account();
        JsonObject body = client.signedBody(newOrderUrl(), "{}").put("extra", "x");
        assertProblem(send(client, body), 400, "malformed");
    }

    @Test
    void post_algNone_isBadSignatureAlgorithmListingAlgorithms() {
        AcmeTestClient client = account();
        JsonObject header = new JsonObject().put("alg", "none").put("kid", client.kid())
                .put("nonce", client.nonce()).put("url", newOrderUrl());
        JsonObject body = new JsonObject()
                .put("protected", AcmeTestClient.b64(header.encode()))
                .put("payload", AcmeTestClient.b64("{}")).put("signature", "AA");
        // RFC 8555 §6.2: never "none"; the problem lists the supported algorithms.
        JsonObject problem = assertProblem(send(client, body), 400, "badSignatureAlgorithm");
        assertTrue(problem.getJsonArray("algorithms").contains("ES256"));
    }

    @Test
    void post_hs256WithPublicKeyAsSecret_isBadSignatureAlgorithm() throws Exception {
        AcmeTestClient client = account();
        byte[] secret = client.key().toECPublicKey().getEncoded();
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(client.kid()).customParam("nonce", client.nonce())
                .customParam("url", newOrderUrl()).build(), new Payload("{}"));
        jws.sign(new MACSigner(secret));
        // RFC 8555 §6.2: MAC algorithms are never accepted (key-confusion attack).
        JsonObject problem = assertProblem(send(client, flattened(jws)), 400,
                "badSignatureAlgorithm");
        assertEquals(new JsonArray().add("ES256").add("ES384").add("EdDSA").add("RS256"),
                problem.getJsonArray("algorithms"));
    }

    @Test
    void post_wrongUrl_isUnauthorized() {
        AcmeTestClient client = account();
        JsonObject body = client.signedBody(server.url("/new-order-elsewhere"), "{}");
        // RFC 8555 §6.4: the JWS url must equal the request URL.
        assertProblem(send(client, body), 403, "unauthorized");
    }

    @Test
    void post_kidAndJwkTogether_isMalformed() throws Exception {
        AcmeTestClient client = account();
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(client.kid()).jwk(client.key().toPublicJWK())
                .customParam("nonce", client.nonce()).customParam("url", newOrderUrl())
                .build(), new Payload("{}"));
        jws.sign(new com.nimbusds.jose.crypto.ECDSASigner(client.key()));
        // RFC 8555 §6.2: exactly one of jwk and kid.
        assertProblem(send(client, flattened(jws)), 400, "malformed");
    }

    @Test
    void post_unknownKid_isAccountDoesNotExist() {
        AcmeTestClient client = new AcmeTestClient(server);
        client.useKid(server.url("/acct/doesNotExist"));
        // RFC 8555 §6.2: unknown kid → accountDoesNotExist.
        assertProblem(client.post(newOrderUrl(), "{}"), 400, "accountDoesNotExist");
    }

    @Test
    void post_reusedNonce_isBadNonceWithFreshNonce() {
        AcmeTestClient client = account();
        String nonce = client.freshNonce();
        client.forceNonce(nonce);
        HttpResponse<Buffer> first = client.post(client.kid(), "");
        assertEquals(200, first.statusCode(), first.bodyAsString());
        client.forceNonce(nonce);
        HttpResponse<Buffer> second = client.post(client.kid(), "");
        // RFC 8555 §6.5: a nonce is accepted once; badNonce carries a fresh Replay-Nonce.
        assertProblem(second, 400, "badNonce");
        String fresh = second.getHeader("Replay-Nonce");
        assertNotNull(fresh);
        assertNotEquals(nonce, fresh);
        assertEquals(200, client.post(client.kid(), "").statusCode());
    }

    @Test
    void post_unknownNonce_isBadNonce() {
        AcmeTestClient client = account();
        client.forceNonce("AAAAAAAAAAAAAAAAAAAAAA");
        assertProblem(client.post(client.kid(), ""), 400, "badNonce");
    }

    @Test
    void post_forgedSignature_isRefusedWithoutBurningTheNonce() {
        AcmeTestClient client = account();
        String nonce = client.freshNonce();
        client.forceNonce(nonce);
        JsonObject body = client.signedBody(client.kid(), "");
        String sig = body.getString("signature");
        body.put("signature", (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1));
        assertProblem(send(client, body), 403, "unauthorized");
        // Boulder order: the nonce is redeemed only after the signature verified.
        client.forceNonce(nonce);
        assertEquals(200, client.post(client.kid(), "").statusCode());
    }

    @Test
    void newOrder_signedWithJwk_isMalformed() {
        AcmeTestClient client = account();
        // RFC 8555 §6.2: jwk only on newAccount and revokeCert.
        assertProblem(client.postJwk(newOrderUrl(), "{}"), 400, "malformed");
    }

    @Test
    void newAccount_signedWithKid_isMalformed() {
        AcmeTestClient client = account();
        assertProblem(client.post(server.url("/new-account"), "{}"), 400, "malformed");
    }

    @Test
    void newAccount_jwkWithPrivateMember_isBadPublicKey() throws Exception {
        AcmeTestClient client = new AcmeTestClient(server);
        JsonObject jwk = new JsonObject(client.key().toJSONString());
        JsonObject header = new JsonObject().put("alg", "ES256").put("jwk", jwk)
                .put("nonce", client.nonce()).put("url", server.url("/new-account"));
        JsonObject body = signRaw(client, header, "{}");
        // RFC 8555 §6.2 / RFC 7517: an account key is a public key.
        assertProblem(send(client, body), 400, "badPublicKey");
    }

    @Test
    void newAccount_jwkWithKidMember_isAcceptedAndThumbprintIgnoresIt() throws Exception {
        AcmeTestClient client = new AcmeTestClient(server);
        JsonObject jwk = new JsonObject(client.key().toPublicJWK().toJSONString())
                .put("kid", "peeringhub-style");
        JsonObject header = new JsonObject().put("alg", "ES256").put("jwk", jwk)
                .put("nonce", client.nonce()).put("url", server.url("/new-account"));
        HttpResponse<Buffer> created = send(client, signRaw(client, header, "{}"));
        // STANDARDS.md §3.7.1: ignore unknown JWK members; RFC 7638 uses kty/crv/x/y only.
        assertEquals(201, created.statusCode(), created.bodyAsString());
        assertEquals(200, client.newAccount().statusCode());
    }

    @Test
    void newAccount_rs256With2048BitKey_works_and1024BitKeyIsBadPublicKey() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        AcmeTestClient client = new AcmeTestClient(server);
        HttpResponse<Buffer> ok = send(client, rsaSigned(client, rsa));
        assertEquals(201, ok.statusCode(), ok.bodyAsString());

        RSAKey small = new RSAKeyGenerator(1024, true).generate();
        assertProblem(send(client, rsaSigned(client, small)), 400, "badPublicKey");
    }

    @Test
    void newAccount_ed25519Key_works() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())
                .getPublicKeyData().getBytes();
        JsonObject jwk = new JsonObject().put("kty", "OKP").put("crv", "Ed25519")
                .put("x", AcmeTestClient.b64(x));
        AcmeTestClient client = new AcmeTestClient(server);
        JsonObject header = new JsonObject().put("alg", "EdDSA").put("jwk", jwk)
                .put("nonce", client.nonce()).put("url", server.url("/new-account"));
        String input = AcmeTestClient.b64(header.encode()) + "." + AcmeTestClient.b64("{}");
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        JsonObject body = new JsonObject().put("protected", AcmeTestClient.b64(header.encode()))
                .put("payload", AcmeTestClient.b64("{}"))
                .put("signature", AcmeTestClient.b64(signer.sign()));
        // RFC 8555 §6.2: servers should support EdDSA (Ed25519).
        HttpResponse<Buffer> created = send(client, body);
        assertEquals(201, created.statusCode(), created.bodyAsString());
    }

    @Test
    void post_problemDocument_hasTheRfc8555Shape() {
        AcmeTestClient client = new AcmeTestClient(server);
        HttpResponse<Buffer> response = client.raw(newOrderUrl(), AcmeTestClient.JOSE_JSON,
                "not json");
        JsonObject problem = assertProblem(response, 400, "malformed");
        // RFC 8555 §6.7: type, detail, status; plus nonce and index link on every POST reply.
        assertEquals(3, problem.size(), problem.encode());
        assertNotNull(response.getHeader("Replay-Nonce"));
        assertTrue(response.headers().getAll("Link").contains(
                "<" + server.url("/directory") + ">;rel=\"index\""));
    }

    private static AcmeTestClient account() {
        AcmeTestClient client = new AcmeTestClient(server);
        assertEquals(201, client.newAccount().statusCode());
        return client;
    }

    private static String newOrderUrl() {
        return server.url("/new-order");
    }

    private static HttpResponse<Buffer> send(AcmeTestClient client, JsonObject body) {
        String url = body.containsKey("protected") ? urlOf(body) : newOrderUrl();
        return client.raw(url, AcmeTestClient.JOSE_JSON, body.encode());
    }

    private static String urlOf(JsonObject body) {
        JsonObject header = new JsonObject(new Base64URL(body.getString("protected"))
                .decodeToString());
        String url = header.getString("url");
        return url.endsWith("/new-order-elsewhere") ? newOrderUrl() : url;
    }

    private static JsonObject flattened(JWSObject jws) {
        return new JsonObject().put("protected", jws.getHeader().toBase64URL().toString())
                .put("payload", jws.getPayload().toBase64URL().toString())
                .put("signature", jws.getSignature().toString());
    }

    private static JsonObject signRaw(AcmeTestClient client, JsonObject header, String payload)
            throws Exception {
        String input = AcmeTestClient.b64(header.encode()) + "." + AcmeTestClient.b64(payload);
        Base64URL signature = new com.nimbusds.jose.crypto.ECDSASigner(client.key())
                .sign(new JWSHeader(JWSAlgorithm.ES256), input.getBytes(StandardCharsets.US_ASCII));
        return new JsonObject().put("protected", AcmeTestClient.b64(header.encode()))
                .put("payload", AcmeTestClient.b64(payload)).put("signature", signature.toString());
    }

    private static JsonObject rsaSigned(AcmeTestClient client, RSAKey rsa) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .jwk(rsa.toPublicJWK()).customParam("nonce", client.nonce())
                .customParam("url", server.url("/new-account")).build(), new Payload("{}"));
        jws.sign(new RSASSASigner(rsa.toPrivateKey(), true));
        return flattened(jws);
    }
}
