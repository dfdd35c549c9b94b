package org.stica.acme.problem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * A rendered problem document (RFC 7807 as profiled by RFC 8555 §6.7): {@code type},
 * {@code detail}, {@code status}, and for badSignatureAlgorithm the {@code algorithms} array.
 */
public record Problem(String type, String detail, int status, Optional<List<String>> algorithms) {

    /** The media type of a problem document. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("type", type).put("detail", detail)
                .put("status", status);
        algorithms.ifPresent(list -> json.put("algorithms", new JsonArray(List.copyOf(list))));
        return json;
    }

    /** Reads back a problem stored as JSON (challenge or order {@code error}). */
    public static Problem fromJson(JsonObject json) {
        JsonArray algs = json.getJsonArray("algorithms");
        Optional<List<String>> algorithms = algs == null ? Optional.empty()
                : Optional.of(algs.stream().map(String::valueOf).toList());
        return new Problem(json.getString("type"), json.getString("detail"),
                json.getInteger("status", 400), algorithms);
    }
}
