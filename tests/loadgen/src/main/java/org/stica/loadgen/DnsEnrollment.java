package org.stica.loadgen;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A generic RFC 8555 order for one DNS name per worker, answered by http-01 with an empty body:
 * meant for Pebble with {@code PEBBLE_VA_ALWAYS_VALID=1}, which validates without fetching.
 */
final class DnsEnrollment implements Enrollment {
    private static final Future<String> EMPTY_OBJECT =
            Future.succeededFuture(FlattenedJws.payload(new JsonObject()));
    private final String name;
    private final byte[] csr;

    DnsEnrollment(String name) {
        this.name = name;
        this.csr = Csrs.dns(Csrs.certificateKey(), name);
    }

    @Override
    public JsonObject identifier() {
        return new JsonObject().put("type", "dns").put("value", name);
    }

    @Override
    public String challengeType() {
        return "http-01";
    }

    @Override
    public Future<String> challengeResponse() {
        return EMPTY_OBJECT;
    }

    @Override
    public byte[] csr() {
        return csr;
    }
}
