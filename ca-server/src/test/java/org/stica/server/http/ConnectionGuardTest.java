package org.stica.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.server.config.Connections;

/**
 * Issue 17 connection hygiene: a client that sends half a request line, or nothing, is closed
 * after the header timeout while whole requests are served, and connections past the cap are
 * closed at once instead of holding the server's file descriptors.
 */
class ConnectionGuardTest {
    private Vertx vertx;
    private HttpServer server;
    private ConnectionGuard guard;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        guard = new ConnectionGuard(vertx, new Connections(Duration.ofMillis(700),
                Duration.ofSeconds(30), 3, 100));
        server = guard.guard(vertx.createHttpServer(guard.apply(new HttpServerOptions()
                        .setHost("127.0.0.1").setPort(0))),
                request -> request.response().end("ok")).listen().await();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void halfARequestLineOrNothing_isClosedAfterTheHeaderTimeout_wholeRequestsServed()
            throws Exception {
        try (Socket slow = new Socket("127.0.0.1", server.actualPort());
             Socket silent = new Socket("127.0.0.1", server.actualPort())) {
            slow.setSoTimeout(5000);
            silent.setSoTimeout(5000);
            slow.getOutputStream().write("GET /slow HT".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertTrue(get("/fast").startsWith("HTTP/1.1 200"), "served meanwhile");
            long started = System.nanoTime();
            assertEquals(-1, slow.getInputStream().read(), "half a request line: closed");
            assertEquals(-1, silent.getInputStream().read(), "nothing sent: closed");
            long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(waited < 4000, "closed after " + waited + " ms");
        }
    }

    @Test
    void connectionsPastTheCap_areClosedAtOnce() throws Exception {
        Socket[] held = new Socket[3];
        try {
            for (int i = 0; i < held.length; i++) {
                held[i] = new Socket("127.0.0.1", server.actualPort());
            }
            waitFor(() -> guard.open() == 3);
            try (Socket extra = new Socket("127.0.0.1", server.actualPort())) {
                extra.setSoTimeout(3000);
                extra.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, extra.getInputStream().read(), "refused past the cap");
            }
        } finally {
            for (Socket s : held) {
                if (s != null) {
                    s.close();
                }
            }
        }
        waitFor(() -> guard.open() == 0);
        assertTrue(get("/again").startsWith("HTTP/1.1 200"), "served again below the cap");
    }

    private String get(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean());
    }
}
