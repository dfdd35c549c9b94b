package org.stica.server.admin;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stica.server.http.HttpProblem;

/**
 * Reading an admin request's JSON body: anything that is not what the route expects is a 400
 * {@code malformed} problem (RFC 9457), never a stack trace.
 */
public final class JsonRequest {
    private JsonRequest() {
    }

    /** The body as a JSON object. */
    public static JsonObject object(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw malformed("body must be a JSON object");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw malformed("body must be a JSON object");
        }
    }

    /** Member {@code name} as a list of strings; empty when absent or null. */
    public static Optional<List<String>> strings(JsonObject body, String name) {
        Object value = body.getValue(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonArray array)) {
            throw malformed(name + " must be an array of strings");
        }
        List<String> list = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String text)) {
                throw malformed(name + " must be an array of strings");
            }
            list.add(text);
        }
        return Optional.of(list);
    }

    private static HttpProblem malformed(String detail) {
        return new HttpProblem(400, "malformed", detail);
    }
}
