package org.stica.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plain-HTTP listener (issue 17) passes GET and HEAD of its paths (CRLs, trust anchors) to
 * the public handler and refuses everything else, ACME included, with a problem document that
 * names the HTTPS origin, without reaching the public handler.
 */
class PlainHttpGateTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final AtomicInteger reached = new AtomicInteger();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(new PlainHttpGate(
                Set.of("/crl/shaken.crl", "/ca/roots.pem"), request -> {
                    reached.incrementAndGet();
                    request.response().end("served " + request.path());
                }, "https://ca.example")).listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void listedPath_isServedByThePublicHandler() throws Exception {
        HttpResponse<String> crl = send("GET", "/crl/shaken.crl?cache=1");
        HttpResponse<String> head = send("HEAD", "/ca/roots.pem");

        assertEquals(200, crl.statusCode());
        assertEquals("served /crl/shaken.crl", crl.body());
        assertEquals(200, head.statusCode());
        assertEquals(2, reached.get());
    }

    @Test
    void acmeDirectoryOrCertificateRepository_isRefusedNamingTheHttpsOrigin() throws Exception {
        for (String path : new String[] {"/acme/directory", "/cr/0a1b.pem",
                "/crl/../cr/0a1b.pem", "/CRL/SHAKEN.CRL", "/"}) {
            HttpResponse<String> refused = send("GET", path);

            assertEquals(404, refused.statusCode(), path);
            assertEquals("application/problem+json",
                    refused.headers().firstValue("Content-Type").orElse(""));
            JsonObject problem = new JsonObject(refused.body());
            assertEquals(404, problem.getInteger("status"));
            assertTrue(problem.getString("detail").contains("https://ca.example"),
                    problem.encode());
        }
        assertEquals(0, reached.get(), "nothing refused reached the public handler");
    }

    @Test
    void otherMethods_areRefusedWith405() throws Exception {
        HttpResponse<String> post = send("POST", "/crl/shaken.crl");

        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        assertEquals(0, reached.get());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.actualPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
