package org.stica.server.admin.contract;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.stica.server.http.HttpProblem;

/**
 * Validates each admin request against the {@link OpenApiContract} before any handler runs:
 * path and query parameters (type, pattern, enum, range; required ones present) and the JSON
 * request body (present when required, {@code application/json}, valid against its schema).
 * A violation is a 400 {@code malformed} problem naming the parameter or JSON pointer (415 for
 * a non-JSON body); nothing is changed. Requests for operations the document does not describe,
 * and bodies of operations that declare none, pass unchanged (their handlers validate).
 */
public final class ContractCheck {
    private final OpenApiContract contract;
    private final SchemaCheck schemas;

    public ContractCheck(OpenApiContract contract) {
        this.contract = contract;
        this.schemas = new SchemaCheck(contract.schemas());
    }

    public void handle(RoutingContext ctx) {
        Optional<OpenApiContract.Operation> operation =
                contract.find(ctx.request().method(), ctx.request().path());
        if (operation.isPresent()) {
            Optional<HttpProblem> problem = parameters(ctx, operation.get())
                    .or(() -> body(ctx, operation.get()));
            if (problem.isPresent()) {
                ctx.fail(problem.get());
                return;
            }
        }
        ctx.next();
    }

    private Optional<HttpProblem> parameters(RoutingContext ctx,
                                             OpenApiContract.Operation operation) {
        for (Object p : operation.parameters()) {
            JsonObject parameter = (JsonObject) p;
            String name = parameter.getString("name");
            String in = parameter.getString("in");
            String raw = "path".equals(in) ? operation.pathParameters().getString(name)
                    : "query".equals(in) ? ctx.request().getParam(name) : null;
            if (raw == null || raw.isEmpty()) {
                if (parameter.getBoolean("required", false) && !"header".equals(in)) {
                    return Optional.of(malformed(in + " parameter '" + name + "' is required"));
                }
                continue;
            }
            JsonObject schema = parameter.getJsonObject("schema", new JsonObject());
            Optional<String> violation = schemas.check(typed(raw, schema), schema, "");
            if (violation.isPresent()) {
                return Optional.of(malformed(in + " parameter '" + name + "' "
                        + violation.get().substring(violation.get().indexOf(": ") + 2)));
            }
        }
        return Optional.empty();
    }

    private Optional<HttpProblem> body(RoutingContext ctx, OpenApiContract.Operation operation) {
        JsonObject requestBody = operation.operation().getJsonObject("requestBody");
        boolean present = ctx.body().length() > 0;
        if (requestBody == null) {
            return Optional.empty();
        }
        if (!present) {
            return requestBody.getBoolean("required", false)
                    ? Optional.of(malformed("a JSON request body is required"))
                    : Optional.empty();
        }
        if (!OpenApiContract.Operation.isJson(ctx.request().getHeader("Content-Type"))) {
            return Optional.of(new HttpProblem(415, "unsupportedMediaType",
                    "the request body must be application/json"));
        }
        Object value;
        try {
            value = wrap(Json.decodeValue(ctx.body().buffer()));
        } catch (DecodeException e) {
            return Optional.of(malformed("the request body is not valid JSON"));
        }
        JsonObject schema = requestBody.getJsonObject("content", new JsonObject())
                .getJsonObject("application/json", new JsonObject())
                .getJsonObject("schema", new JsonObject());
        return schemas.check(value, schema, "").map(v -> malformed("request body " + v));
    }

    private static Object typed(String raw, JsonObject schema) {
        String type = schema.getString("type", "string");
        try {
            return switch (type) {
                case "integer" -> Long.parseLong(raw);
                case "number" -> Double.parseDouble(raw);
                case "boolean" -> "true".equals(raw) ? Boolean.TRUE
                        : "false".equals(raw) ? Boolean.FALSE : raw;
                default -> raw;
            };
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    private static Object wrap(Object decoded) {
        if (decoded instanceof java.util.Map<?, ?> map) {
            return JsonObject.mapFrom(map);
        }
        if (decoded instanceof java.util.List<?> list) {
            return new JsonArray(new java.util.ArrayList<>(list));
        }
        return decoded;
    }

    private static HttpProblem malformed(String detail) {
        return new HttpProblem(400, "malformed", detail);
    }
}
