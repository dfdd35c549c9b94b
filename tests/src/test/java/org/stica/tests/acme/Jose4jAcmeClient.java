package org.stica.tests.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.TestStiPa;

/**
 * A second, independent ACME client: jose4j for JWS and JSON, java.net.http for transport, its
 * own nonce handling (Replay-Nonce of every answer, one retry on badNonce) and its own SPKI
 * fingerprint. Its protocol code shares nothing with the server or with acme4j; only the CSR
 * is built with Bouncy Castle (the demo's {@link TnAuthCsr}) and the SPC token comes from the
 * test STI-PA. Enough of RFC 8555 + RFC 9448 to enroll one SPC.
 */
final class Jose4jAcmeClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, Object> directory;
    private final KeyPair accountKey;
    private String nonce;
    private String kid;
    private String finalizeRequestId;

    Jose4jAcmeClient(String directoryUrl) throws Exception {
        this.directory = JsonUtil.parseJson(HTTP.send(HttpRequest.newBuilder(
                URI.create(directoryUrl)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        this.accountKey = generator.generateKeyPair();
    }

    /** {@code SHA256 AA:BB:…} over the account key's SPKI DER (what SPC tokens bind to). */
    String fingerprint() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(accountKey.getPublic().getEncoded());
        return "SHA256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** newAccount signed with the embedded jwk (RFC 8555 §7.3); remembers the account URL. */
    String newAccount() throws Exception {
        HttpResponse<String> r = post((String) directory.get("newAccount"),
                JsonUtil.toJson(Map.of("termsOfServiceAgreed", true)), true);
        expect(r, 201);
        kid = r.headers().firstValue("Location").orElseThrow();
        return kid;
    }

    /**
     * Enrolls the TNAuthList {@code der} with an SPC token {@code pa} mints for this account's
     * key and a CSR for {@code certKey}; returns the PEM chain.
     */
    String enroll(TestStiPa pa, byte[] der, KeyPair certKey) throws Exception {
        String fingerprint = fingerprint();
        return enroll(Carrier.base64Url(der), value -> {
            try {
                return pa.mint(TestStiPa.claims(Carrier.base64Padded(der), fingerprint));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, TnAuthCsr.build(certKey, der));
    }

    /**
     * Orders the TNAuthList, answers tkauth-01 with the token {@code tokenFor} mints for the
     * identifier value, finalizes with {@code csrDer} and returns the PEM chain.
     */
    String enroll(String identifierValue, Function<String, String> tokenFor, byte[] csrDer)
            throws Exception {
        HttpResponse<String> created = post((String) directory.get("newOrder"), JsonUtil.toJson(
                Map.of("identifiers", List.of(Map.of("type", "TNAuthList",
                        "value", identifierValue)))), false);
        expect(created, 201);
        String orderUrl = created.headers().firstValue("Location").orElseThrow();
        Map<String, Object> order = JsonUtil.parseJson(created.body());
        String authzUrl = ((List<?>) order.get("authorizations")).get(0).toString();
        Map<String, Object> authz = JsonUtil.parseJson(postAsGet(authzUrl).body());
        Map<?, ?> challenge = ((List<?>) authz.get("challenges")).stream().map(c -> (Map<?, ?>) c)
                .filter(c -> "tkauth-01".equals(c.get("type"))).findFirst().orElseThrow();
        expect(post(challenge.get("url").toString(),
                JsonUtil.toJson(Map.of("atc", tokenFor.apply(identifierValue))), false), 200);
        poll(authzUrl, "valid");
        poll(orderUrl, "ready");
        HttpResponse<String> finalized = post(order.get("finalize").toString(),
                JsonUtil.toJson(Map.of("csr", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(csrDer))), false);
        expect(finalized, 200);
        finalizeRequestId = finalized.headers().firstValue("X-Request-Id").orElse(null);
        Map<String, Object> done = poll(orderUrl, "valid");
        HttpResponse<String> pem = postAsGet(done.get("certificate").toString());
        expect(pem, 200);
        if (!pem.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/pem-certificate-chain")) {
            throw new IllegalStateException("certificate is not a PEM chain");
        }
        return pem.body();
    }

    /** The {@code X-Request-Id} the last finalize was answered with (issue 17), if any. */
    String finalizeRequestId() {
        return finalizeRequestId;
    }

    private Map<String, Object> poll(String url, String wanted) throws Exception {
        for (int i = 0; i < 50; i++) {
            Map<String, Object> resource = JsonUtil.parseJson(postAsGet(url).body());
            Object status = resource.get("status");
            if (wanted.equals(status)) {
                return resource;
            }
            if ("invalid".equals(status)) {
                throw new IllegalStateException(url + " became invalid: " + resource);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(url + " never became " + wanted);
    }

    private HttpResponse<String> postAsGet(String url) throws Exception {
        return post(url, "", false);
    }

    /** Signs and POSTs; on badNonce retries once with the nonce of the error (§6.5). */
    private HttpResponse<String> post(String url, String payload, boolean withJwk)
            throws Exception {
        HttpResponse<String> r = send(url, payload, withJwk);
        if (r.statusCode() == 400 && r.body().contains("urn:ietf:params:acme:error:badNonce")) {
            r = send(url, payload, withJwk);
        }
        return r;
    }

    private HttpResponse<String> send(String url, String payload, boolean withJwk)
            throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("nonce", nonce());
        jws.setHeader("url", url);
        if (withJwk) {
            jws.setJwkHeader(PublicJsonWebKey.Factory.newPublicJwk(accountKey.getPublic()));
        } else {
            jws.setKeyIdHeaderValue(kid);
        }
        jws.setPayload(payload);
        jws.setKey(accountKey.getPrivate());
        String[] compact = jws.getCompactSerialization().split("\\.", -1);
        String body = JsonUtil.toJson(Map.of("protected", compact[0], "payload", compact[1],
                "signature", compact[2]));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/jose+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        nonce = r.headers().firstValue("Replay-Nonce").orElse(null);
        return r;
    }

    private String nonce() throws Exception {
        if (nonce == null) {
            nonce = HTTP.send(HttpRequest.newBuilder(URI.create(
                    (String) directory.get("newNonce"))).method("HEAD",
                    HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("Replay-Nonce").orElseThrow();
        }
        String current = nonce;
        nonce = null;
        return current;
    }

    private static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode()
                    + ": " + r.body());
        }
    }
}
