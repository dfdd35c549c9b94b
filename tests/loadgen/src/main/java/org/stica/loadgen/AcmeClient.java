package org.stica.loadgen;

import io.netty.util.AsciiString;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * One worker's view of an ACME server: signed POSTs with the nonce of the previous answer's
 * {@code Replay-Nonce} (a {@code newNonce} HEAD only when none is held), one retry on
 * {@code badNonce} (counted), and every answer ≥ 400 turned into an {@link AcmeFailure} named by
 * its problem type and status. Payloads come BASE64URL-encoded ({@link FlattenedJws#payload}),
 * so a worker encodes its constant payloads (order, challenge answer, CSR) once.
 */
public final class AcmeClient {
    static final String BAD_NONCE = "urn:ietf:params:acme:error:badNonce";
    private static final CharSequence JOSE_JSON = AsciiString.cached("application/jose+json");

    private final Http http;
    private final Directory directory;
    private final AccountKey key;
    private final Stats stats;
    private String nonce;

    AcmeClient(Http http, Directory directory, AccountKey key, Stats stats) {
        this.http = http;
        this.directory = directory;
        this.key = key;
        this.stats = stats;
    }

    public AccountKey key() {
        return key;
    }

    /** A signed POST of a BASE64URL payload ({@link FlattenedJws#EMPTY_PAYLOAD}: POST-as-GET); fails on any status ≥ 400. */
    public Future<Reply> post(String url, String payloadB64) {
        return post(url, payloadB64, null);
    }

    /** As {@link #post(String, String)} with an {@code Accept} header (certificate download). */
    public Future<Reply> post(String url, String payloadB64, CharSequence accept) {
        return send(url, payloadB64, accept).compose(response -> {
            if (response.statusCode() >= 400 && BAD_NONCE.equals(problemType(response))) {
                stats.badNonceRetried();
                return send(url, payloadB64, accept);
            }
            return Future.succeededFuture(response);
        }).compose(response -> response.statusCode() >= 400
                ? Future.failedFuture(failure(response)) : Future.succeededFuture(response));
    }

    private Future<Reply> send(String url, String payloadB64, CharSequence accept) {
        return nonce().compose(n -> http.post(url, JOSE_JSON, key.sign(url, n, payloadB64), accept, null))
                .onSuccess(this::keepNonce);
    }

    private Future<String> nonce() {
        String held = nonce;
        nonce = null;
        if (held != null) {
            return Future.succeededFuture(held);
        }
        stats.newNonceFetched();
        return http.head(directory.newNonce()).compose(response -> {
            String fresh = response.header("Replay-Nonce");
            return fresh == null
                    ? Future.failedFuture(new AcmeFailure("newNonce without Replay-Nonce (HTTP "
                            + response.statusCode() + ")", directory.newNonce()))
                    : Future.succeededFuture(fresh);
        });
    }

    private void keepNonce(Reply response) {
        String fresh = response.header("Replay-Nonce");
        if (fresh != null) {
            nonce = fresh;
        }
    }

    /** The failure an answer ≥ 400 stands for: {@code <problem type> (<status>)} or {@code HTTP <status>}. */
    public static AcmeFailure failure(Reply response) {
        String type = problemType(response);
        String detail = "";
        if (type != null) {
            detail = String.valueOf(response.json().getValue("detail"));
        } else if (response.body() != null) {
            String body = response.bodyAsString();
            detail = body.length() > 200 ? body.substring(0, 200) : body;
        }
        return new AcmeFailure(type == null ? "HTTP " + response.statusCode()
                : type + " (" + response.statusCode() + ")", detail);
    }

    private static String problemType(Reply response) {
        String contentType = response.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return null;
        }
        Object type = response.json().getValue("type");
        return type instanceof String s ? s : null;
    }

    /** The body of an answer as a JSON object, or an empty object when it is none. */
    public static JsonObject json(Reply response) {
        return response.json();
    }
}
