package org.stica.server.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic JSON encoding for hashing (in the spirit of RFC 8785): object members sorted by
 * name at every level, no insignificant whitespace, Vert.x/Jackson string escaping. The audit
 * chain hashes this form, so a record re-read from the database hashes to the same bytes.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /** The canonical text of {@code object}. */
    public static String encode(JsonObject object) {
        return ((JsonObject) sorted(object)).encode();
    }

    private static Object sorted(Object value) {
        if (value instanceof JsonObject object) {
            Map<String, Object> members = new TreeMap<>();
            for (Map.Entry<String, Object> e : object) {
                members.put(e.getKey(), sorted(e.getValue()));
            }
            return new JsonObject(new java.util.LinkedHashMap<>(members));
        }
        if (value instanceof JsonArray array) {
            List<Object> items = new ArrayList<>();
            for (Object item : array) {
                items.add(sorted(item));
            }
            return new JsonArray(items);
        }
        if (value instanceof Map<?, ?> map) {
            return sorted(new JsonObject(castMap(map)));
        }
        if (value instanceof List<?> list) {
            return sorted(new JsonArray(new ArrayList<>(list)));
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
