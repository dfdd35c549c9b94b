package org.stica.loadgen;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What differs between a TNAuthList enrollment (tkauth-01 with an SPC token) and a generic
 * {@code dns} one (http-01): the identifier, the challenge to answer and its payload, the CSR.
 * One instance per worker, so the CSR (and its key) is built once and reused across orders.
 */
public interface Enrollment {
    JsonObject identifier();

    String challengeType();

    /**
     * The challenge response body (RFC 8555 §7.5.1) as a JWS payload ({@link FlattenedJws#payload}),
     * fetched and encoded once and reused where allowed.
     */
    Future<String> challengeResponse();

    /** The finalize CSR (DER), the same for every order of this worker. */
    byte[] csr();
}
