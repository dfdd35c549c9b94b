package org.stica.tests.pa;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;

/**
 * A carrier tool's STI-PA client, written from STANDARDS.md §4.1-§4.3 only (the iconectiv API as
 * working clients use it) and sharing no code with the server: its own HTTP calls, jose4j for the
 * CA list's JWS (the server signs with nimbus), the JDK's PKIX for the signer's path.
 * <ul>
 *   <li>{@code POST {base}/api/v1/auth/login} with {@code {"userId","password"}} →
 *       {@code accessToken} (§4.1 item 2);</li>
 *   <li>{@code POST {base}/api/v1/account/{OCN}/token} with the access token raw in
 *       {@code Authorization} and {@code {"atc":{tktype,tkvalue (standard base64),ca,
 *       fingerprint}}} → {@code token}, {@code crl} (§4.1 item 3);</li>
 *   <li>{@code GET {base}/api/v1/ca-list} with the access token, {@code Accept:
 *       application/jose+json} → {@code caList}, an ES256 JWS whose x5u names the signer,
 *       which must chain to the STI-PA root; payload {@code version, sequence, exp,
 *       trustList} (§4.3);</li>
 *   <li>the CRL, PEM or DER (§0 trap 8).</li>
 * </ul>
 * Any {@code status} other than {@code success}, or HTTP ≥ 400, is an error (§4.1 item 3).
 */
final class IconectivClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    IconectivClient(String base) {
        this.base = base;
    }

    /** What the STI-PA answered: HTTP status, {@code Retry-After} if any, the JSON body. */
    record Answer(int httpStatus, Optional<String> retryAfter, JsonObject body) {
        boolean success() {
            return httpStatus < 400 && "success".equals(body.getString("status"));
        }

        String message() {
            return body.getString("message", "");
        }
    }

    /** The verified payload of an approved STI-CA list. */
    record CaList(String version, long sequence, Instant expires,
                  List<X509Certificate> trustList) {
    }

    Answer login(String userId, String password) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("userId", userId)
                        .put("password", password).encode())));
    }

    /** The {@code atc} object of a token request: tkvalue in standard base64 with padding. */
    static JsonObject atc(byte[] tnAuthListDer, boolean ca, String fingerprint) {
        return new JsonObject().put("tktype", "TNAuthList")
                .put("tkvalue", Base64.getEncoder().encodeToString(tnAuthListDer))
                .put("ca", ca).put("fingerprint", fingerprint);
    }

    Answer requestToken(String accessToken, String ocn, JsonObject atc) throws Exception {
        return requestToken(accessToken, ocn, new JsonObject().put("atc", atc).encode());
    }

    /** A token request with any body text (for refusals). */
    Answer requestToken(String accessToken, String ocn, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/account/" + ocn + "/token"))
                .header("Authorization", accessToken).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer caList(String accessToken) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/ca-list"))
                .header("Authorization", accessToken).header("Accept", "application/jose+json")
                .GET());
    }

    /**
     * Verifies a CA list JWS: alg ES256, x5u fetched, its first certificate verifies the
     * signature and chains to {@code stiPaRoot} (any root offered in x5u is ignored), then the
     * payload's shape: version (string), sequence (integer), exp (epoch seconds, not past),
     * trustList (PEM certificates).
     */
    CaList verifyCaList(String compact, X509Certificate stiPaRoot) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(compact);
        if (!AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256.equals(
                jws.getAlgorithmHeaderValue())) {
            throw new IllegalStateException("CA list alg is " + jws.getAlgorithmHeaderValue());
        }
        List<X509Certificate> x5u = certificates(get(jws.getHeader("x5u")));
        X509Certificate signer = x5u.get(0);
        jws.setKey(signer.getPublicKey());
        if (!jws.verifySignature()) {
            throw new IllegalStateException("CA list signature does not verify");
        }
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(stiPaRoot, null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(x5u.stream().filter(c -> !c.equals(stiPaRoot)).toList()), pkix);
        JsonObject payload = new JsonObject(jws.getPayload());
        Instant expires = Instant.ofEpochSecond(payload.getLong("exp"));
        if (!expires.isAfter(Instant.now())) {
            throw new IllegalStateException("CA list expired at " + expires);
        }
        List<X509Certificate> roots = new ArrayList<>();
        for (Object pem : payload.getJsonArray("trustList", new JsonArray())) {
            roots.addAll(certificates((String) pem));
        }
        return new CaList(payload.getString("version"), payload.getLong("sequence"), expires,
                roots);
    }

    /** The CRL at {@code url} as DER, whether served in PEM or DER. */
    byte[] crl(String url) throws Exception {
        byte[] body = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/pkix-crl").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        String text = new String(body, StandardCharsets.US_ASCII);
        if (!text.startsWith("-----BEGIN X509 CRL-----")) {
            return body;
        }
        return Base64.getMimeDecoder().decode(text.replace("-----BEGIN X509 CRL-----", "")
                .replace("-----END X509 CRL-----", "").trim());
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject body;
        try {
            body = new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            body = new JsonObject().put("unparsed", response.body());
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Retry-After"),
                body);
    }

    private static List<X509Certificate> certificates(String pem) throws Exception {
        List<X509Certificate> list = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (var cert : factory.generateCertificates(new ByteArrayInputStream(
                pem.getBytes(StandardCharsets.US_ASCII)))) {
            list.add((X509Certificate) cert);
        }
        return list;
    }
}
