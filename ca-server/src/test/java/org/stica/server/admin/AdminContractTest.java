package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.admin.contract.AdminContract;

/**
 * The OpenAPI 3.1 contract loads in vertx-openapi and agrees with the route table (issue 6:
 * contract first, one role per route; issue 17: a maintained validator), and its schemas refuse
 * what the contract forbids.
 */
class AdminContractTest {
    private static Vertx vertx;
    private static AdminContract contract;

    @BeforeAll
    static void load() {
        vertx = Vertx.vertx();
        contract = AdminContract.load(vertx).await();
    }

    @AfterAll
    static void close() {
        vertx.close().await();
    }

    @Test
    void document_loadsAsOpenApi31AndIsServedAsWritten() {
        assertEquals(OpenAPIVersion.V3_1, contract.openApi().getVersion());
        assertTrue(contract.document().getString("openapi").startsWith("3.1"));
        // what vertx-openapi cannot load is left out of its copy only, not of the served document
        assertTrue(contract.document().getJsonObject("paths").getJsonObject("/admin/v1/api-keys")
                .getJsonObject("post").getJsonObject("responses").getJsonObject("400")
                .getJsonObject("content").containsKey("application/problem+json"));
    }

    @Test
    void everyDocumentedOperation_hasTheSameRoleInTheRouteTable() {
        assertFalse(contract.openApi().operations().isEmpty());
        for (Operation operation : contract.openApi().operations()) {
            String name = operation.getHttpMethod() + " " + operation.getOpenAPIPath();
            String concrete = operation.getOpenAPIPath().replaceAll("\\{[^}]+}", "x1");
            Optional<AdminRoute> route = AdminRouteTable.find(operation.getHttpMethod(),
                    concrete);
            assertTrue(route.isPresent(), name + " not in the table");
            JsonObject model = operation.getOpenAPIModel();
            assertEquals(model.getString("x-stica-role"), route.get().role().wireName(), name);
            assertEquals(model.getBoolean("x-stica-dual-control", false),
                    route.get().sensitive(), name);
        }
    }

    @Test
    void everyTableRoute_isDocumented() {
        for (AdminRoute route : AdminRouteTable.ROUTES) {
            String concrete = route.path().replaceAll(":[A-Za-z]+", "x1");
            Optional<Operation> operation = contract.operation(route.method(), concrete);
            assertTrue(operation.isPresent(),
                    route.operation() + " missing from " + AdminContract.RESOURCE);
            assertEquals(route.path().replaceAll(":([A-Za-z]+)", "{$1}"),
                    operation.get().getOpenAPIPath(), route.operation());
        }
    }

    @Test
    void apiKeyRequestSchema_refusesWhatTheContractForbids() {
        Validator schema = contract.schema("ApiKeyRequest");

        assertTrue(schema.validate(new JsonObject().put("name", "ops").put("role", "operator"))
                .getValid());
        for (JsonObject bad : new JsonObject[] {new JsonObject().put("name", "ops"),
                new JsonObject().put("name", "ops").put("role", "root"),
                new JsonObject().put("name", "ops").put("role", "auditor").put("x", 1),
                new JsonObject().put("name", 1).put("role", "auditor"),
                new JsonObject().put("name", "").put("role", "auditor")}) {
            assertFalse(schema.validate(bad).getValid(), bad.encode());
        }
    }
}
