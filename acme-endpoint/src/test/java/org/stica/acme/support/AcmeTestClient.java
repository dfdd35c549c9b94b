package org.stica.acme.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Optional;

/**
 * A minimal ACME client for tests: signs with nimbus (ES256, P-256), keeps the latest
 * Replay-Nonce, and can also send hand-made (broken) JWS bodies.
 */
public final class AcmeTestClient {
    public static final String JOSE_JSON = "application/jose+json";

    private final AcmeTestServer server;
    private final WebClient web;
    private final ECKey key;
    private String nonce;
    private String kid;

    public AcmeTestClient(AcmeTestServer server) {
        this(server, newKey());
    }

    public AcmeTestClient(AcmeTestServer server, ECKey key) {
        this.server = server;
        this.web = WebClient.create(server.vertx);
        this.key = key;
    }

    public static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public ECKey key() {
        return key;
    }

    public String kid() {
        return kid;
    }

    public void useKid(String accountUrl) {
        this.kid = accountUrl;
    }

    /** HEAD newNonce and remember the nonce. */
    public String freshNonce() {
        HttpResponse<Buffer> response = Await.result(web.headAbs(server.url("/new-nonce")).send());
        nonce = response.getHeader("Replay-Nonce");
        return nonce;
    }

    /** Creates an account (jwk-signed) and switches to kid signing. */
    public HttpResponse<Buffer> newAccount() {
        HttpResponse<Buffer> response = postJwk(server.url("/new-account"),
                new JsonObject().put("termsOfServiceAgreed", true)
                        .put("contact", new JsonArray()
                                .add("mailto:noc@carrier.example")).encode());
        kid = response.getHeader("Location");
        return response;
    }

    /** POST signed with kid; {@code payload} "" is POST-as-GET. */
    public HttpResponse<Buffer> post(String url, String payload) {
        return send(url, sign(header(url).keyID(kid).build(), payload, key));
    }

    public HttpResponse<Buffer> post(String url, JsonObject payload) {
        return post(url, payload.encode());
    }

    /** POST signed with the embedded jwk. */
    public HttpResponse<Buffer> postJwk(String url, String payload) {
        return send(url, sign(header(url).jwk(key.toPublicJWK()).build(), payload, key));
    }

    /** POST signed with another key's embedded jwk. */
    public HttpResponse<Buffer> postJwk(String url, String payload, ECKey other) {
        return send(url, sign(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .customParam("nonce", nonce()).customParam("url", url)
                .jwk(other.toPublicJWK()).build(), payload, other));
    }

    /** A flattened JWS body signed with kid (for tests that tamper with it). */
    public JsonObject signedBody(String url, String payload) {
        return sign(header(url).keyID(kid).build(), payload, key);
    }

    /** Sends any body with any content type. */
    public HttpResponse<Buffer> raw(String url, String contentType, String body) {
        HttpResponse<Buffer> response = Await.result(web.postAbs(url)
                .putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body)));
        Optional.ofNullable(response.getHeader("Replay-Nonce")).ifPresent(n -> nonce = n);
        return response;
    }

    /** The nonce to use next (fetched when none is held). */
    public String nonce() {
        if (nonce == null) {
            freshNonce();
        }
        String current = nonce;
        nonce = null;
        return current;
    }

    /** Sets the nonce the next request uses (e.g. an already used one). */
    public void forceNonce(String value) {
        nonce = value;
    }

    public static String b64(byte[] bytes) {
        return Base64URL.encode(bytes).toString();
    }

    public static String b64(String text) {
        return Base64URL.encode(text).toString();
    }

    private JWSHeader.Builder header(String url) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).customParam("nonce", nonce())
                .customParam("url", url);
    }

    private HttpResponse<Buffer> send(String url, JsonObject body) {
        return raw(url, JOSE_JSON, body.encode());
    }

    /** A flattened JWS of {@code payload} under {@code header}, signed by {@code signingKey}. */
    public static JsonObject flattened(JWSHeader header, String payload, ECKey signingKey) {
        return sign(header, payload, signingKey);
    }

    /** Replaces the key this client signs with (after a key change). */
    public AcmeTestClient withKey(ECKey newKey) {
        AcmeTestClient other = new AcmeTestClient(server, newKey);
        other.kid = kid;
        return other;
    }

    private static JsonObject sign(JWSHeader header, String payload, ECKey signingKey) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(payload));
            JWSSigner signer = new ECDSASigner(signingKey);
            jws.sign(signer);
            return new JsonObject()
                    .put("protected", jws.getHeader().toBase64URL().toString())
                    .put("payload", jws.getPayload().toBase64URL().toString())
                    .put("signature", jws.getSignature().toString());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
