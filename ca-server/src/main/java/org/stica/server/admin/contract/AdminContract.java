package org.stica.server.admin.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The admin API's OpenAPI 3.1 document ({@value #RESOURCE} on the classpath), the contract the
 * admin routes are written against: served as written, and loaded by vertx-openapi (which checks
 * it against the OpenAPI 3.1 schema and resolves its {@code $ref}s) for {@link ContractCheck}.
 * A document vertx-openapi refuses fails the server's start.
 */
public final class AdminContract {
    /** Where the document lives on the classpath. */
    public static final String RESOURCE = "openapi/admin-v1.json";
    /** Where vertx-openapi files the document in its schema repository. */
    private static final String BASE = "app:///#/components/schemas/";

    private final JsonObject document;
    private final OpenAPIContract openApi;

    private AdminContract(JsonObject document, OpenAPIContract openApi) {
        this.document = document;
        this.openApi = openApi;
    }

    /** Reads the document (on a worker thread) and loads it into vertx-openapi. */
    public static Future<AdminContract> load(Vertx vertx) {
        return vertx.executeBlocking(AdminContract::read, false)
                .compose(document -> OpenAPIContract.from(vertx,
                                ValidatorDocument.of(document))
                        .map(openApi -> new AdminContract(document, openApi)))
                .recover(failure -> Future.failedFuture(new IllegalStateException(RESOURCE
                        + " cannot be loaded: " + failure.getMessage(), failure)));
    }

    private static JsonObject read() throws IOException {
        try (InputStream in = AdminContract.class.getClassLoader()
                .getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The document as written, served at {@code /admin/v1/openapi.json}. */
    public JsonObject document() {
        return document.copy();
    }

    /** The document as vertx-openapi loaded it. */
    public OpenAPIContract openApi() {
        return openApi;
    }

    /** The operation a request targets, if the document has it (a trailing slash is ignored). */
    public Optional<Operation> operation(HttpMethod method, String path) {
        String trimmed = path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1) : path;
        return Optional.ofNullable(openApi.findOperation(trimmed, method));
    }

    /** A validator for the schema {@code components.schemas.<name>}. */
    public Validator schema(String name) {
        return openApi.getSchemaRepository().validator(BASE + name);
    }
}
