package org.stica.loadgen;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * One worker's view of an ACME server: signed POSTs with the nonce of the previous answer's
 * {@code Replay-Nonce} (a {@code newNonce} HEAD only when none is held), one retry on
 * {@code badNonce} (counted), and every answer ≥ 400 turned into an {@link AcmeFailure} named by
 * its problem type and status.
 */
public final class AcmeClient {
    static final String BAD_NONCE = "urn:ietf:params:acme:error:badNonce";

    private final WebClient http;
    private final Directory directory;
    private final AccountKey key;
    private final Stats stats;
    private String nonce;

    public AcmeClient(WebClient http, Directory directory, AccountKey key, Stats stats) {
        this.http = http;
        this.directory = directory;
        this.key = key;
        this.stats = stats;
    }

    public AccountKey key() {
        return key;
    }

    /** A signed POST of {@code payload} ({@code null}: POST-as-GET); fails on any status ≥ 400. */
    public Future<HttpResponse<Buffer>> post(String url, JsonObject payload) {
        return post(url, payload, null);
    }

    /** As {@link #post(String, JsonObject)} with an {@code Accept} header (certificate download). */
    public Future<HttpResponse<Buffer>> post(String url, JsonObject payload, String accept) {
        return send(url, payload, accept).compose(response -> {
            if (response.statusCode() >= 400 && BAD_NONCE.equals(problemType(response))) {
                stats.badNonceRetried();
                return send(url, payload, accept);
            }
            return Future.succeededFuture(response);
        }).compose(response -> response.statusCode() >= 400
                ? Future.failedFuture(failure(response)) : Future.succeededFuture(response));
    }

    private Future<HttpResponse<Buffer>> send(String url, JsonObject payload, String accept) {
        return nonce().compose(n -> {
            var request = http.postAbs(url).putHeader("Content-Type", "application/jose+json");
            if (accept != null) {
                request.putHeader("Accept", accept);
            }
            return request.sendBuffer(key.sign(url, n, payload));
        }).onSuccess(this::keepNonce);
    }

    private Future<String> nonce() {
        String held = nonce;
        nonce = null;
        if (held != null) {
            return Future.succeededFuture(held);
        }
        stats.newNonceFetched();
        return http.headAbs(directory.newNonce()).send().compose(response -> {
            String fresh = response.getHeader("Replay-Nonce");
            return fresh == null
                    ? Future.failedFuture(new AcmeFailure("newNonce without Replay-Nonce (HTTP "
                            + response.statusCode() + ")", directory.newNonce()))
                    : Future.succeededFuture(fresh);
        });
    }

    private void keepNonce(HttpResponse<Buffer> response) {
        String fresh = response.getHeader("Replay-Nonce");
        if (fresh != null) {
            nonce = fresh;
        }
    }

    /** The failure an answer ≥ 400 stands for: {@code <problem type> (<status>)} or {@code HTTP <status>}. */
    public static AcmeFailure failure(HttpResponse<Buffer> response) {
        String type = problemType(response);
        String detail = "";
        if (type != null) {
            detail = String.valueOf(json(response).getValue("detail"));
        } else if (response.body() != null) {
            String body = response.bodyAsString();
            detail = body.length() > 200 ? body.substring(0, 200) : body;
        }
        return new AcmeFailure(type == null ? "HTTP " + response.statusCode()
                : type + " (" + response.statusCode() + ")", detail);
    }

    private static String problemType(HttpResponse<Buffer> response) {
        String contentType = response.getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return null;
        }
        Object type = json(response).getValue("type");
        return type instanceof String s ? s : null;
    }

    /** The body as a JSON object, or an empty object when it is none. */
    public static JsonObject json(HttpResponse<Buffer> response) {
        try {
            JsonObject body = response.body() == null ? null : response.bodyAsJsonObject();
            return body == null ? new JsonObject() : body;
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject();
        }
    }
}
