package org.stica.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A server that stops answering (Pebble has hung mid-run in the benchmark): every exchange
 * fails after {@code --request-timeout}, is counted as an error, and the run still ends with
 * its report instead of waiting for ever.
 */
class HungServerTest {
    private Vertx vertx;
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            String base = "http://127.0.0.1:" + request.localAddress().port();
            if (request.path().equals("/dir")) {
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("newNonce", base + "/nonce")
                                .put("newAccount", base + "/account")
                                .put("newOrder", base + "/order").encode());
            } else if (request.method() == HttpMethod.HEAD && request.path().equals("/nonce")) {
                request.response().putHeader("Replay-Nonce", "bm9uY2U").end();
            }
            // anything else (newAccount first) is never answered
        });
        port = server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void hungServer_exchangesTimeOutAsErrors_andTheRunReports() {
        LoadGenCommand command = new LoadGenCommand();
        long start = System.nanoTime();
        int exit = new CommandLine(command).execute("--directory", "http://127.0.0.1:" + port
                        + "/dir", "--mode", "dns", "--concurrency", "2", "--warmup", "0s",
                "--duration", "3s", "--request-timeout", "1s");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertEquals(1, exit, "no issuance: exit status 1");
        JsonObject result = command.result();
        assertEquals(0, result.getLong("issuances"));
        assertEquals(0, result.getLong("unfinishedFlows"));
        assertTrue(result.getLong("errorCount") >= 2, result.encode());
        assertTrue(result.getJsonObject("errors").fieldNames().stream()
                .allMatch(kind -> kind.startsWith("newAccount: ")
                        && kind.contains("Timeout")), result.encode());
        assertTrue(seconds < 20, "the run ended " + seconds + " s after it started");
    }
}
