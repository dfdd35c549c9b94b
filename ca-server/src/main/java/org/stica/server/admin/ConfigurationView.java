package org.stica.server.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.stica.server.config.Secret;

/**
 * The running configuration as JSON for {@code GET /admin/v1/configuration}: every record
 * component by name, walked generically so new sections appear without change, with every
 * {@link Secret} written as {@code "****"} (or absent when unset).
 */
public final class ConfigurationView {
    /** What a secret value is shown as. */
    public static final String REDACTED = "****";

    private ConfigurationView() {
    }

    public static JsonObject of(Record config) {
        return record(config);
    }

    private static JsonObject record(Record value) {
        JsonObject json = new JsonObject();
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            try {
                Object v = component.getAccessor().invoke(value);
                Object rendered = render(v);
                if (rendered != null) {
                    json.put(component.getName(), rendered);
                }
            } catch (ReflectiveOperationException e) {
                json.put(component.getName(), "unavailable");
            }
        }
        return json;
    }

    private static Object render(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Secret) {
            return REDACTED;
        }
        if (v instanceof Optional<?> o) {
            return o.map(ConfigurationView::render).orElse(null);
        }
        if (v instanceof OptionalLong o) {
            return o.isPresent() ? o.getAsLong() : null;
        }
        if (v instanceof OptionalInt o) {
            return o.isPresent() ? o.getAsInt() : null;
        }
        if (v instanceof Record r) {
            return record(r);
        }
        if (v instanceof Collection<?> c) {
            JsonArray array = new JsonArray();
            c.forEach(item -> array.add(render(item)));
            return array;
        }
        if (v instanceof char[] || v instanceof byte[]) {
            return REDACTED;
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof java.time.Duration d) {
            return d.toString();
        }
        return v.toString();
    }
}
