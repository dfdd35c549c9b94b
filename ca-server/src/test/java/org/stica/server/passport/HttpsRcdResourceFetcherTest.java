package org.stica.server.passport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTPS fetcher of rcd resources: exact bytes, https only, no redirects, size and time caps. */
class HttpsRcdResourceFetcherTest {
    private static final int MAX_BYTES = 4096;
    private static final byte[] ICON = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};

    private static Vertx vertx;
    private static HttpServer server;
    private static HttpsRcdResourceFetcher fetcher;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        Router router = Router.router(vertx);
        router.get("/icon.png").handler(ctx -> ctx.response().end(Buffer.buffer(ICON)));
        router.get("/moved.png").handler(ctx -> ctx.response().setStatusCode(302)
                .putHeader("Location", "/icon.png").end());
        router.get("/big.png").handler(ctx -> ctx.response()
                .end(Buffer.buffer(new byte[MAX_BYTES + 1])));
        router.get("/slow.png").handler(ctx -> vertx.setTimer(8_000,
                id -> ctx.response().end(Buffer.buffer(ICON))));
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(cert.keyCertOptions()))
                .requestHandler(router).listen(0, "127.0.0.1").await();
        fetcher = new HttpsRcdResourceFetcher(vertx, MAX_BYTES, Duration.ofMillis(2500),
                new WebClientOptions().setTrustAll(true).setVerifyHost(false));
        // Warm up TLS once, so the first test's handshake does not run into the time cap.
        fetcher.fetch(url("https", "/icon.png")).otherwiseEmpty().await();
    }

    @AfterAll
    static void tearDown() {
        fetcher.close();
        server.close().await();
        vertx.close().await();
    }

    @Test
    void fetch_returnsTheExactBodyBytes() {
        assertArrayEquals(ICON, fetcher.fetch(url("https", "/icon.png")).await());
    }

    @Test
    void fetch_plainHttp_refusedWithoutConnecting() {
        assertFails(fetcher.fetch(url("http", "/icon.png")), "only https");
    }

    @Test
    void fetch_redirect_notFollowed() {
        assertFails(fetcher.fetch(url("https", "/moved.png")), "redirects are not followed");
    }

    @Test
    void fetch_overTheSizeCap_fails() {
        assertFails(fetcher.fetch(url("https", "/big.png")), "exceeds " + MAX_BYTES);
    }

    @Test
    void fetch_slowServer_timesOut() {
        assertFails(fetcher.fetch(url("https", "/slow.png")), "timed out");
    }

    private static void assertFails(Future<byte[]> future, String reason) {
        Throwable cause = future.transform(Future::succeededFuture)
                .toCompletionStage().toCompletableFuture().join().cause();
        assertTrue(cause != null && cause.getMessage().contains(reason),
                () -> "expected failure containing '" + reason + "', got " + cause);
    }

    private static URI url(String scheme, String path) {
        return URI.create(scheme + "://localhost:" + server.actualPort() + path);
    }
}
