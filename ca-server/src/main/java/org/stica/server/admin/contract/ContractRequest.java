package org.stica.server.admin.contract;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * An admin request as vertx-openapi's {@code RequestValidator} reads it: parameters taken out by
 * vertx-openapi's {@link RequestUtils}, the body as the admin router's body handler read it, and
 * two adjustments that keep the contract's meaning:
 * <ul>
 *   <li>an empty query value ({@code ?status=}) counts as absent, as the handlers read it;</li>
 *   <li>a string-typed parameter's value is handed over as a JSON string, because vertx-openapi
 *       5.0.7 otherwise reads a value such as {@code 1.5} or {@code -1} as a number and refuses
 *       it as not a string (vertx-openapi issue 114).</li>
 * </ul>
 */
record ContractRequest(Map<String, RequestParameter> getCookies,
                       Map<String, RequestParameter> getHeaders,
                       Map<String, RequestParameter> getPathParameters,
                       Map<String, RequestParameter> getQuery,
                       RequestParameter getBody,
                       String getContentType) implements ValidatableRequest {

    /** The request {@code ctx} makes to {@code operation}, after the body handler ran. */
    static Future<ValidatableRequest> of(RoutingContext ctx, Operation operation) {
        Buffer body = ctx.body().buffer();
        return Future.<ValidatableRequest>future(promise -> RequestUtils.extract(ctx.request(),
                        operation, () -> Future.succeededFuture(
                                body == null ? Buffer.buffer() : body)).onComplete(promise))
                .map(extracted -> adjusted(extracted, operation));
    }

    private static ValidatableRequest adjusted(ValidatableRequest request, Operation operation) {
        Map<String, RequestParameter> path = new HashMap<>(request.getPathParameters());
        Map<String, RequestParameter> query = new HashMap<>(request.getQuery());
        Map<String, RequestParameter> headers = new HashMap<>(request.getHeaders());
        for (Parameter parameter : operation.getParameters()) {
            Map<String, RequestParameter> values = parameter.getIn() == Location.PATH ? path
                    : parameter.getIn() == Location.QUERY ? query
                    : parameter.getIn() == Location.HEADER ? headers : Map.of();
            RequestParameter value = values.get(parameter.getName());
            if (value == null || value.isNull()) {
                continue;
            }
            if (parameter.getIn() == Location.QUERY && value.isEmpty()) {
                values.remove(parameter.getName());
            } else if (parameter.getSchemaType() == SchemaType.STRING && value.isString()) {
                String quoted = Json.encode(value.getString());
                values.put(parameter.getName(), () -> quoted);
            }
        }
        return new ContractRequest(request.getCookies(), headers, path, query, request.getBody(),
                request.getContentType());
    }
}
