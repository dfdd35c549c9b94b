package org.stica.server.admin.contract;

import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The copy of the admin document that vertx-openapi is given. vertx-openapi 5.0.7 refuses to
 * load a document whose responses use a media type outside its short list, and every admin
 * error is {@code application/problem+json} (RFC 9457); custom media types only arrive in a
 * later release (vertx-openapi issue 107). Request validation never reads responses, so the copy
 * leaves out those response media types and nothing else; the document served is the original.
 */
final class ValidatorDocument {
    private ValidatorDocument() {
    }

    static JsonObject of(JsonObject document) {
        JsonObject copy = document.copy();
        objects(copy.getJsonObject("paths", new JsonObject()))     // path items
                .flatMap(ValidatorDocument::objects)                // operations
                .map(operation -> operation.getJsonObject("responses", new JsonObject()))
                .flatMap(ValidatorDocument::objects)                // responses
                .map(response -> response.getJsonObject("content", new JsonObject()))
                .forEach(content -> List.copyOf(content.fieldNames()).stream()
                        .filter(type -> !MediaType.isMediaTypeSupported(type))
                        .forEach(content::remove));
        return copy;
    }

    private static Stream<JsonObject> objects(JsonObject parent) {
        return parent.stream().map(Map.Entry::getValue)
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
    }
}
