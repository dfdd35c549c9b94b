package org.stica.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.server.config.Secret;

/**
 * {@link MetricsVertx} and {@link ScrapeHandler} over real HTTP: requests labelled by route
 * template, method and status with a latency histogram, pool and JVM meters, and who may
 * scrape.
 */
class MetricsVertxTest {
    private Vertx vertx;
    private PrometheusMeterRegistry registry;
    private HttpServer server;
    private WebClient client;

    @BeforeEach
    void start() {
        vertx = MetricsVertx.create(new VertxOptions());
        registry = (PrometheusMeterRegistry) BackendRegistries.getNow(MetricsVertx.REGISTRY_NAME);
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close().await();
        }
        vertx.close().await();
    }

    @Test
    void httpRequests_labelledByRouteTemplateNotRawPath_withLatencyBuckets() {
        Router acme = Router.router(vertx);
        acme.post("/order/:id").handler(ctx -> ctx.response().end("ok"));
        Router root = Router.router(vertx);
        root.route("/acme/*").subRouter(acme);
        listen(root);

        assertEquals(200, post("/acme/order/first-order-id").statusCode());
        assertEquals(200, post("/acme/order/second-order-id").statusCode());
        assertEquals(404, post("/nothing/here/third-id").statusCode());

        String scraped = registry.scrape();
        assertTrue(scraped.contains("vertx_http_server_requests_total{code=\"200\",method=\"POST\","
                + "route=\"/acme/>/order/:id\"} 2.0"), scraped);
        assertTrue(scraped.contains("vertx_http_server_response_time_seconds_bucket{code=\"200\","
                + "method=\"POST\",route=\"/acme/>/order/:id\",le=\"0.005\"}"), scraped);
        assertFalse(scraped.contains("first-order-id") || scraped.contains("third-id"),
                "no raw path in any label");
        assertFalse(scraped.contains("pool_type=\"http\""), "no series per remote host");
    }

    @Test
    void pools_jvm_inTheSameRegistry() {
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("test-workers", 1);
        try {
            workers.executeBlocking(() -> "done").await();
        } finally {
            workers.close().await();
        }

        String scraped = registry.scrape();
        assertTrue(scraped.contains("vertx_pool_completed_total{pool_name=\"test-workers\","
                + "pool_type=\"worker\"} 1.0"), scraped);
        assertTrue(scraped.contains("jvm_memory_used_bytes{"), "JVM memory");
        assertTrue(scraped.contains("jvm_gc_"), "GC");
        assertTrue(scraped.contains("jvm_threads_live_threads"), "threads");
        assertTrue(scraped.contains("jvm_classes_loaded_classes"), "class loading");
        assertTrue(scraped.contains("system_cpu_count"), "processor");
        assertTrue(scraped.contains("process_uptime_seconds"), "uptime");
    }

    @Test
    void scrape_loopbackWithoutToken_servesTheTextFormat() {
        ServerMetrics metrics = ServerMetrics.of(vertx, Clock.systemUTC());
        metrics.acme().orderCreated("shaken");
        listenScrape(new ScrapeAccess(Optional.empty(), true));

        HttpResponse<Buffer> scraped = get(null);

        assertEquals(200, scraped.statusCode());
        assertEquals(ScrapeHandler.CONTENT_TYPE, scraped.getHeader("Content-Type"));
        assertTrue(scraped.bodyAsString().contains(
                "stica_acme_new_orders_total{profile=\"shaken\"} 1.0"), scraped.bodyAsString());
        metrics.close();
    }

    @Test
    void scrape_withToken_needsIt() {
        listenScrape(new ScrapeAccess(Optional.of(Secret.of("scrape-secret")), true));

        HttpResponse<Buffer> without = get(null);
        HttpResponse<Buffer> wrong = get("Bearer not-it");
        HttpResponse<Buffer> right = get("Bearer scrape-secret");

        assertEquals(401, without.statusCode());
        assertEquals("application/problem+json", without.getHeader("Content-Type"));
        assertEquals(401, wrong.statusCode());
        assertEquals(200, right.statusCode());
    }

    @Test
    void scrape_notLoopbackWithoutToken_refusedWithAProblem() {
        listenScrape(new ScrapeAccess(Optional.empty(), false));

        HttpResponse<Buffer> refused = get(null);

        assertEquals(403, refused.statusCode());
        JsonObject problem = refused.bodyAsJsonObject();
        assertEquals("urn:stica:problem:metricsProtected", problem.getString("type"));
        assertTrue(problem.getString("detail").contains("STICA_METRICS_TOKEN"));
    }

    private void listenScrape(ScrapeAccess access) {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(new ScrapeHandler(vertx, registry, access)::handle);
        listen(router);
    }

    private void listen(Router router) {
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    private HttpResponse<Buffer> post(String path) {
        return client.post(server.actualPort(), "127.0.0.1", path).send().await();
    }

    private HttpResponse<Buffer> get(String authorization) {
        var request = client.get(server.actualPort(), "127.0.0.1", "/metrics");
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        return request.send().await();
    }
}
