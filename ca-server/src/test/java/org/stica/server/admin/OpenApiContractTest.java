package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stica.server.admin.contract.OpenApiContract;
import org.stica.server.admin.contract.SchemaCheck;

/**
 * The OpenAPI 3.1 contract and the route table agree (issue 6: contract first, one role per
 * route), and the schema check refuses what the contract forbids.
 */
class OpenApiContractTest {
    private final OpenApiContract contract = OpenApiContract.load();

    @Test
    void document_isOpenApi31() {
        assertTrue(contract.document().getString("openapi").startsWith("3.1"));
    }

    @Test
    void everyDocumentedOperation_hasTheSameRoleInTheRouteTable() {
        JsonObject paths = contract.document().getJsonObject("paths");
        for (Map.Entry<String, Object> path : paths) {
            for (Map.Entry<String, Object> op : (JsonObject) path.getValue()) {
                if (!(op.getValue() instanceof JsonObject operation)) {
                    continue;
                }
                HttpMethod method = HttpMethod.valueOf(op.getKey().toUpperCase(Locale.ROOT));
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "x1");
                Optional<AdminRoute> route = AdminRouteTable.find(method, concrete);
                assertTrue(route.isPresent(), method + " " + path.getKey() + " not in the table");
                assertEquals(operation.getString("x-stica-role"), route.get().role().wireName(),
                        method + " " + path.getKey());
                assertEquals(operation.getBoolean("x-stica-dual-control", false),
                        route.get().sensitive(), method + " " + path.getKey());
            }
        }
    }

    @Test
    void everyTableRoute_isDocumented() {
        for (AdminRoute route : AdminRouteTable.ROUTES) {
            String concrete = route.path().replaceAll(":[A-Za-z]+", "x1");
            assertTrue(contract.find(route.method(), concrete).isPresent(),
                    route.operation() + " missing from " + OpenApiContract.RESOURCE);
        }
    }

    @Test
    void schemaCheck_apiKeyRequest_refusesWhatTheContractForbids() {
        SchemaCheck check = new SchemaCheck(contract.schemas());
        JsonObject schema = new JsonObject().put("$ref", "#/components/schemas/ApiKeyRequest");

        assertEquals(Optional.empty(), check.check(new JsonObject().put("name", "ops")
                .put("role", "operator"), schema, ""));
        assertEquals(Optional.of("/role: is required"),
                check.check(new JsonObject().put("name", "ops"), schema, ""));
        assertTrue(check.check(new JsonObject().put("name", "ops").put("role", "root"), schema,
                "").orElseThrow().startsWith("/role: must be one of"));
        assertEquals(Optional.of("/x: is not allowed"), check.check(new JsonObject()
                .put("name", "ops").put("role", "auditor").put("x", 1), schema, ""));
        assertEquals(Optional.of("/name: must be of type string"), check.check(new JsonObject()
                .put("name", 1).put("role", "auditor"), schema, ""));
    }
}
