package org.stica.server.admin.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.server.http.ProblemResponder;

/**
 * Every admin request is checked against the OpenAPI 3.1 contract before a handler runs (issue
 * 6; issue 17: through vertx-openapi): a request that breaks it gets an RFC 9457 problem naming
 * the parameter or body property, no stack trace, and never reaches the handler; a request the
 * contract allows, or an operation it does not describe, does.
 */
class ContractCheckTest {
    private static final String KEYS = "/admin/v1/api-keys";
    private static Vertx vertx;
    private static HttpServer server;
    private static WebClient client;
    private static final AtomicInteger REACHED = new AtomicInteger();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        AdminContract contract = AdminContract.load(vertx).await();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false));
        router.route().handler(new ContractCheck(vertx, contract)::handle);
        router.route().handler(ctx -> {
            REACHED.incrementAndGet();
            ctx.response().setStatusCode(204).end();
        });
        router.route().failureHandler(ProblemResponder::handle);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close().await();
        vertx.close().await();
    }

    @BeforeEach
    void reset() {
        REACHED.set(0);
    }

    @Test
    void body_breakingTheSchema_is400NamingTheProperty() {
        Map<String, String> bodies = Map.of(
                "{\"name\":\"x\"}", "\"role\"",
                "{\"name\":\"x\",\"role\":\"root\"}", "/role",
                "{\"name\":\"\",\"role\":\"auditor\"}", "/name",
                "{\"name\":7,\"role\":\"auditor\"}", "/name",
                "{\"name\":\"x\",\"role\":\"auditor\",\"extra\":1}", "/extra",
                "[]", "request body");
        bodies.forEach((body, named) -> {
            JsonObject problem = refused(send(HttpMethod.POST, KEYS, "application/json", body),
                    400, "malformed");
            assertTrue(problem.getString("detail").contains(named), body + ": " + problem);
        });
        assertEquals(0, REACHED.get(), "no refused request reached the handler");
    }

    @Test
    void body_enumViolation_namesTheFailingKeywordNotItsSurroundings() {
        String detail = refused(send(HttpMethod.POST, KEYS, "application/json",
                "{\"name\":\"x\",\"role\":\"root\"}"), 400, "malformed").getString("detail");

        assertTrue(detail.contains("auditor"), "lists the allowed roles: " + detail);
    }

    @Test
    void body_notJsonOrMissing_isRefused() {
        refused(send(HttpMethod.POST, KEYS, "application/json", "{"), 400, "malformed");
        assertTrue(refused(send(HttpMethod.POST, KEYS, null, null), 400, "malformed")
                .getString("detail").contains("body"));
        refused(send(HttpMethod.POST, KEYS, "text/plain", "{\"name\":\"x\",\"role\":\"auditor\"}"),
                415, "unsupportedMediaType");
        assertEquals(0, REACHED.get());
    }

    @Test
    void body_keepingTheContract_reachesTheHandler() {
        assertEquals(204, send(HttpMethod.POST, KEYS, "application/json; charset=utf-8",
                "{\"name\":\"ops\",\"role\":\"operator\"}").statusCode());
        assertEquals(1, REACHED.get());
    }

    @Test
    void queryParameters_outsideTheContract_are400NamingTheParameter() {
        for (String query : List.of("status=lost", "limit=0", "limit=501", "limit=abc",
                "limit=1.5", "serial=xyz", "spc=%2F%2F", "spc=%22ab")) {
            String name = query.substring(0, query.indexOf('='));
            JsonObject problem = refused(send(HttpMethod.GET, "/admin/v1/certificates?" + query,
                    null, null), 400, "malformed");
            assertTrue(problem.getString("detail").contains("parameter " + name),
                    query + ": " + problem);
        }
        refused(send(HttpMethod.GET, "/admin/v1/audit-events?since=yesterday", null, null), 400,
                "malformed");
        assertEquals(0, REACHED.get());
    }

    @Test
    void queryParameters_withinTheContractOrEmpty_reachTheHandler() {
        for (String query : List.of("", "?limit=500&status=issued&serial=0aF",
                "?status=&limit=", "?since=2026-01-31T12:00:00Z&unknown=1")) {
            String path = (query.contains("since") ? "/admin/v1/audit-events"
                    : "/admin/v1/certificates") + query;
            assertEquals(204, send(HttpMethod.GET, path, null, null).statusCode(), path);
        }
        assertEquals(4, REACHED.get());
    }

    @Test
    void pathParameter_outsideItsPattern_is400NamingIt() {
        JsonObject problem = refused(send(HttpMethod.POST, "/admin/v1/certificates/xyz/revoke",
                "application/json", "{\"reason\":\"keyCompromise\"}"), 400, "malformed");

        assertTrue(problem.getString("detail").contains("parameter serial"), problem.encode());
        assertEquals(0, REACHED.get());
    }

    @Test
    void stringParameters_thatLookLikeNumbers_areStrings() {
        // vertx-openapi 5.0.7 alone reads these as numbers and refuses them (its issue 114)
        for (String path : List.of("/admin/v1/acme/accounts/1.5", "/admin/v1/subscribers/-1",
                "/admin/v1/acme/accounts/1e3", "/admin/v1/certificates/12/")) {
            assertEquals(204, send(HttpMethod.GET, path, null, null).statusCode(), path);
        }
        assertEquals(4, REACHED.get());
    }

    @Test
    void headerParameter_outsideTheContract_is400NamingIt() {
        HttpResponse<Buffer> response = client.request(HttpMethod.POST, server.actualPort(),
                        "127.0.0.1", "/admin/v1/ca/intermediates/rollover")
                .putHeader("Approval-Id", "a".repeat(65)).send().await();

        assertTrue(refused(response, 400, "malformed").getString("detail")
                .contains("Approval-Id"));
        assertEquals(0, REACHED.get());
    }

    @Test
    void operationNotInTheContract_reachesTheHandler() {
        assertEquals(204, send(HttpMethod.GET, "/admin/v1/not-described?limit=abc", null, null)
                .statusCode());
        assertEquals(1, REACHED.get());
    }

    private static JsonObject refused(HttpResponse<Buffer> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.bodyAsString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        JsonObject problem = response.bodyAsJsonObject();
        assertEquals("urn:stica:problem:" + type, problem.getString("type"));
        assertEquals(status, problem.getInteger("status"));
        assertFalse(problem.getString("detail").contains("Exception"), problem.encode());
        assertFalse(problem.getString("detail").contains("\tat "), problem.encode());
        return problem;
    }

    private static HttpResponse<Buffer> send(HttpMethod method, String path, String contentType,
                                             String body) {
        HttpRequest<Buffer> request = client.request(method, server.actualPort(), "127.0.0.1",
                path);
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        return body == null ? request.send().await() : request.sendBuffer(Buffer.buffer(body))
                .await();
    }
}
