package org.stica.server.admin.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates a JSON value against a schema of the OpenAPI 3.1 document (JSON Schema 2020-12), for
 * the keywords the admin contract uses: {@code $ref} to {@code #/components/schemas/*},
 * {@code type} (one or a list), {@code enum}, {@code pattern}, {@code minLength},
 * {@code maxLength}, {@code minimum}, {@code maximum}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code minItems}, {@code maxItems}. Returns the
 * first violation with its JSON pointer. Other keywords are annotations here.
 */
public final class SchemaCheck {
    private static final String REF_PREFIX = "#/components/schemas/";

    private final JsonObject schemas;

    /** @param schemas the document's {@code components.schemas} */
    public SchemaCheck(JsonObject schemas) {
        this.schemas = schemas == null ? new JsonObject() : schemas;
    }

    /** The first violation of {@code schema} by {@code value}: {@code "/role: must be ..."}. */
    public Optional<String> check(Object value, JsonObject schema, String pointer) {
        JsonObject s = resolve(schema);
        Optional<String> typeProblem = type(value, s.getValue("type"), pointer);
        if (typeProblem.isPresent()) {
            return typeProblem;
        }
        JsonArray allowed = s.getJsonArray("enum");
        if (allowed != null && !allowed.contains(value)) {
            return fail(pointer, "must be one of " + allowed.encode());
        }
        if (value instanceof String text) {
            return string(text, s, pointer);
        }
        if (value instanceof Number number) {
            return number(number, s, pointer);
        }
        if (value instanceof JsonObject object) {
            return object(object, s, pointer);
        }
        if (value instanceof JsonArray array) {
            return array(array, s, pointer);
        }
        return Optional.empty();
    }

    private JsonObject resolve(JsonObject schema) {
        JsonObject s = schema;
        for (int depth = 0; s.containsKey("$ref") && depth < 8; depth++) {
            String ref = s.getString("$ref");
            String name = ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : "";
            if (!schemas.containsKey(name)) {
                throw new IllegalStateException("unresolvable $ref " + ref);
            }
            s = schemas.getJsonObject(name);
        }
        return s;
    }

    private static Optional<String> type(Object value, Object type, String pointer) {
        if (type == null) {
            return Optional.empty();
        }
        JsonArray types = type instanceof JsonArray a ? a : new JsonArray().add(type);
        for (Object t : types) {
            if (is(value, String.valueOf(t))) {
                return Optional.empty();
            }
        }
        return fail(pointer, "must be of type " + (types.size() == 1 ? types.getValue(0)
                : types.encode()));
    }

    private static boolean is(Object value, String type) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long
                    || value instanceof Short;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "object" -> value instanceof JsonObject;
            case "array" -> value instanceof JsonArray;
            case "null" -> value == null;
            default -> false;
        };
    }

    private static Optional<String> string(String text, JsonObject s, String pointer) {
        int length = text.codePointCount(0, text.length());
        if (s.containsKey("minLength") && length < s.getInteger("minLength")) {
            return fail(pointer, "must be at least " + s.getInteger("minLength")
                    + " characters");
        }
        if (s.containsKey("maxLength") && length > s.getInteger("maxLength")) {
            return fail(pointer, "must be at most " + s.getInteger("maxLength") + " characters");
        }
        String pattern = s.getString("pattern");
        if (pattern != null && !Pattern.compile(pattern).matcher(text).find()) {
            return fail(pointer, "must match " + pattern);
        }
        return Optional.empty();
    }

    private static Optional<String> number(Number n, JsonObject s, String pointer) {
        if (s.containsKey("minimum") && n.doubleValue() < s.getNumber("minimum").doubleValue()) {
            return fail(pointer, "must be at least " + s.getNumber("minimum"));
        }
        if (s.containsKey("maximum") && n.doubleValue() > s.getNumber("maximum").doubleValue()) {
            return fail(pointer, "must be at most " + s.getNumber("maximum"));
        }
        return Optional.empty();
    }

    private Optional<String> object(JsonObject object, JsonObject s, String pointer) {
        JsonArray required = s.getJsonArray("required", new JsonArray());
        for (Object name : required) {
            if (!object.containsKey(String.valueOf(name))) {
                return fail(pointer + "/" + name, "is required");
            }
        }
        JsonObject properties = s.getJsonObject("properties", new JsonObject());
        Object additional = s.getValue("additionalProperties");
        for (Map.Entry<String, Object> member : object) {
            String at = pointer + "/" + member.getKey();
            JsonObject propertySchema = properties.getJsonObject(member.getKey());
            if (propertySchema == null && Boolean.FALSE.equals(additional)) {
                return fail(at, "is not allowed");
            }
            JsonObject effective = propertySchema != null ? propertySchema
                    : additional instanceof JsonObject a ? a : null;
            if (effective != null) {
                Optional<String> problem = check(member.getValue(), effective, at);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> array(JsonArray array, JsonObject s, String pointer) {
        if (s.containsKey("minItems") && array.size() < s.getInteger("minItems")) {
            return fail(pointer, "must have at least " + s.getInteger("minItems") + " items");
        }
        if (s.containsKey("maxItems") && array.size() > s.getInteger("maxItems")) {
            return fail(pointer, "must have at most " + s.getInteger("maxItems") + " items");
        }
        JsonObject items = s.getJsonObject("items");
        for (int i = 0; items != null && i < array.size(); i++) {
            Optional<String> problem = check(array.getValue(i), items, pointer + "/" + i);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fail(String pointer, String problem) {
        return Optional.of((pointer.isEmpty() ? "/" : pointer) + ": " + problem);
    }
}
