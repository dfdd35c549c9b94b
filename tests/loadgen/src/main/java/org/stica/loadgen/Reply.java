package org.stica.loadgen;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** A complete HTTP answer: status, headers and the whole body (empty for HEAD). */
public record Reply(int statusCode, MultiMap headers, Buffer body) {

    public String header(String name) {
        return headers.get(name);
    }

    public String bodyAsString() {
        return body == null ? null : body.toString();
    }

    /** The body as a JSON object, or an empty object when it is none. */
    public JsonObject json() {
        if (body == null || body.length() == 0) {
            return new JsonObject();
        }
        try {
            JsonObject json = body.toJsonObject();
            return json == null ? new JsonObject() : json;
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject();
        }
    }
}
