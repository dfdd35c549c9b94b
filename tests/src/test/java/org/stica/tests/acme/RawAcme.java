package org.stica.tests.acme;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A hand-driven ACME client for the conformance suite: java.net.http plus nimbus for signing, so
 * tests can send exactly the (broken) JWS they want and read every header of the answer.
 */
final class RawAcme {
    static final String JOSE = "application/jose+json";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final JsonObject directory;
    final ECKey key;
    String kid;

    RawAcme(String directoryUrl) throws Exception {
        this.directory = new JsonObject(get(directoryUrl).body());
        this.key = new ECKeyGenerator(Curve.P_256).generate();
    }

    String url(String resource) {
        return directory.getString(resource);
    }

    /** A fresh nonce from this server's newNonce. */
    String nonce() throws Exception {
        return nonceFrom(url("newNonce"));
    }

    static String nonceFrom(String newNonceUrl) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(newNonceUrl))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("Replay-Nonce").orElseThrow();
    }

    /** Registers the account (jwk) and remembers its URL as kid. */
    HttpResponse<String> register() throws Exception {
        HttpResponse<String> r = post(url("newAccount"), sign(jwkHeader(url("newAccount"),
                nonce()), new JsonObject().put("termsOfServiceAgreed", true).encode()));
        kid = r.headers().firstValue("Location").orElseThrow();
        return r;
    }

    JWSHeader.Builder kidHeader(String url, String nonce) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid)
                .customParam("nonce", nonce).customParam("url", url);
    }

    JWSHeader.Builder jwkHeader(String url, String nonce) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(key.toPublicJWK())
                .customParam("nonce", nonce).customParam("url", url);
    }

    /** A kid-signed POST with a fresh nonce. */
    HttpResponse<String> post(String url, String payload) throws Exception {
        return post(url, sign(kidHeader(url, nonce()), payload));
    }

    JsonObject sign(JWSHeader.Builder header, String payload) throws JOSEException {
        JWSObject jws = new JWSObject(header.build(), new Payload(payload));
        jws.sign(new ECDSASigner(key));
        return new JsonObject().put("protected", jws.getHeader().toBase64URL().toString())
                .put("payload", jws.getPayload().toBase64URL().toString())
                .put("signature", jws.getSignature().toString());
    }

    /** Signs an arbitrary protected header (as JSON) with ES256 through the JDK, no checks. */
    JsonObject signRaw(JsonObject header, String payload) throws Exception {
        String input = b64(header.encode()) + "." + b64(payload);
        java.security.Signature ecdsa = java.security.Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(key.toECPrivateKey());
        ecdsa.update(input.getBytes(StandardCharsets.US_ASCII));
        byte[] concat = com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToConcat(
                ecdsa.sign(), 64);
        return new JsonObject().put("protected", b64(header.encode())).put("payload",
                b64(payload)).put("signature", b64(concat));
    }

    static HttpResponse<String> post(String url, JsonObject body) throws Exception {
        return postRaw(url, JOSE, body.encode());
    }

    static HttpResponse<String> postRaw(String url, String contentType, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
