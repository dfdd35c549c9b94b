package org.stica.server.admin.contract;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The admin API's OpenAPI 3.1 document ({@value #RESOURCE} on the classpath), the contract the
 * admin routes are written against: served as is, and used by {@link ContractCheck} to find the
 * operation a request targets.
 */
public final class OpenApiContract {
    /** Where the document lives on the classpath. */
    public static final String RESOURCE = "openapi/admin-v1.json";

    private final String text;
    private final JsonObject document;

    private OpenApiContract(String text) {
        this.text = text;
        this.document = new JsonObject(text);
        if (!document.getString("openapi", "").startsWith("3.1")) {
            throw new IllegalStateException(RESOURCE + " is not an OpenAPI 3.1 document");
        }
    }

    /** Loads the document (start-up; small classpath read). */
    public static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getClassLoader()
                .getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            return new OpenApiContract(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** The document text, served at {@code /admin/v1/openapi.json}. */
    public String text() {
        return text;
    }

    public JsonObject document() {
        return document.copy();
    }

    /** {@code components.schemas}. */
    public JsonObject schemas() {
        return document.getJsonObject("components", new JsonObject())
                .getJsonObject("schemas", new JsonObject());
    }

    /** The operation for a request, with its path parameters, if the document has it. */
    public Optional<Operation> find(HttpMethod method, String path) {
        JsonObject paths = document.getJsonObject("paths", new JsonObject());
        for (Map.Entry<String, Object> entry : paths) {
            Optional<JsonObject> params = match(entry.getKey(), path);
            JsonObject item = (JsonObject) entry.getValue();
            JsonObject operation = item.getJsonObject(method.name().toLowerCase(Locale.ROOT));
            if (params.isPresent() && operation != null) {
                JsonArray shared = item.getJsonArray("parameters", new JsonArray());
                return Optional.of(new Operation(entry.getKey(), operation, shared,
                        params.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonObject> match(String template, String path) {
        String[] t = template.split("/", -1);
        String trimmed = path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1) : path;
        String[] p = trimmed.split("/", -1);
        if (t.length != p.length) {
            return Optional.empty();
        }
        JsonObject params = new JsonObject();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(t[i].substring(1, t[i].length() - 1), p[i]);
            } else if (!t[i].equals(p[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** One operation of the document and the path parameters a request gave it. */
    public record Operation(String template, JsonObject operation, JsonArray sharedParameters,
                            JsonObject pathParameters) {
        private static final Pattern JSON = Pattern.compile("^application/([a-z.+-]*\\+)?json");

        /** Parameters declared on the path item and on the operation. */
        public JsonArray parameters() {
            JsonArray all = sharedParameters.copy();
            operation.getJsonArray("parameters", new JsonArray()).forEach(all::add);
            return all;
        }

        /** Whether a content type is JSON. */
        public static boolean isJson(String contentType) {
            return contentType != null
                    && JSON.matcher(contentType.toLowerCase(Locale.ROOT)).find();
        }
    }
}
