package org.stica.server.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.server.ca.CaInitializer;

class X5uFetcherTest {
    private static final int MAX_BYTES = 65536;

    private static Vertx vertx;
    private static HttpServer server;
    private static X5uFetcher fetcher;
    private static X509Certificate signer;
    private static X509Certificate issuer;
    private static final AtomicInteger cachedHits = new AtomicInteger();
    private static final AtomicInteger noStoreHits = new AtomicInteger();

    @BeforeAll
    static void setUp() throws Exception {
        vertx = Vertx.vertx();
        signer = TestCertificates.selfSigned("Test PA Signer");
        issuer = TestCertificates.selfSigned("Test PA Root");
        String chain = CaInitializer.toPem(List.of(signer, issuer));
        Router router = Router.router(vertx);
        router.get("/pa/ok.pem").handler(ctx -> ctx.response().end(chain));
        router.get("/pa/cached.pem").handler(ctx -> {
            cachedHits.incrementAndGet();
            ctx.response().putHeader("Cache-Control", "public, max-age=600").end(chain);
        });
        router.get("/pa/no-store.pem").handler(ctx -> {
            noStoreHits.incrementAndGet();
            ctx.response().putHeader("Cache-Control", "no-store").end(chain);
        });
        router.get("/pa/redirect.pem").handler(ctx -> ctx.response().setStatusCode(302)
                .putHeader("Location", "/pa/ok.pem").end());
        router.get("/pa/big-chunked.pem").handler(ctx -> sendChunked(ctx.response(),
                MAX_BYTES + 4096));
        router.get("/pa/big.pem").handler(ctx -> ctx.response()
                .end(Buffer.buffer(new byte[MAX_BYTES + 1])));
        router.get("/pa/slow.pem").handler(ctx -> vertx.setTimer(5_000,
                id -> ctx.response().end(chain)));
        router.get("/pa/garbage.pem").handler(ctx -> ctx.response().end("not a certificate"));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        fetcher = new X5uFetcher(vertx, MAX_BYTES, Duration.ofSeconds(2), Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        fetcher.close();
        server.close().await();
        vertx.close().await();
    }

    @Test
    void fetch_pemChain_returnsSignerFirst() {
        List<X509Certificate> chain = fetcher.fetch(url("/pa/ok.pem")).await();

        assertEquals(List.of(signer, issuer), chain);
    }

    @Test
    void fetch_twiceWithMaxAge_hitsServerOnce() {
        // STANDARDS.md §3.5.3: cache per URL honouring Cache-Control.
        fetcher.fetch(url("/pa/cached.pem")).await();
        fetcher.fetch(url("/pa/cached.pem")).await();

        assertEquals(1, cachedHits.get());
    }

    @Test
    void fetch_twiceWithNoStore_hitsServerTwice() {
        // RFC 9111 §5.2.2.5: a no-store response must not be reused from the cache.
        fetcher.fetch(url("/pa/no-store.pem")).await();
        fetcher.fetch(url("/pa/no-store.pem")).await();

        assertEquals(2, noStoreHits.get());
    }

    @Test
    void fetch_redirect_isRefused() {
        // STANDARDS.md §3.5.3, §4.4.3 (ATIS-1000080): x5u redirects are not followed.
        PolicyException e = assertThrows(PolicyException.class,
                () -> fetcher.fetch(url("/pa/redirect.pem")).await());

        assertEquals(Violation.TOKEN_X5U_FETCH_FAILED, e.violation());
        assertTrue(e.detail().contains("302"), e.detail());
    }

    @Test
    void fetch_bodyOverCapWithContentLength_isRefused() {
        // STANDARDS.md §3.5.3: at most 64 KiB.
        PolicyException e = assertThrows(PolicyException.class,
                () -> fetcher.fetch(url("/pa/big.pem")).await());

        assertEquals(Violation.TOKEN_X5U_FETCH_FAILED, e.violation());
        assertTrue(e.detail().contains("large") || e.detail().contains("exceeds"), e.detail());
    }

    @Test
    void fetch_chunkedBodyOverCap_isRefused() {
        // STANDARDS.md §3.5.3: the cap holds without a Content-Length too.
        PolicyException e = assertThrows(PolicyException.class,
                () -> fetcher.fetch(url("/pa/big-chunked.pem")).await());

        assertEquals(Violation.TOKEN_X5U_FETCH_FAILED, e.violation());
        assertTrue(e.detail().contains("large") || e.detail().contains("exceeds"), e.detail());
    }

    @Test
    void fetch_slowServer_timesOut() {
        long started = System.nanoTime();

        PolicyException e = assertThrows(PolicyException.class,
                () -> fetcher.fetch(url("/pa/slow.pem")).await());

        assertEquals(Violation.TOKEN_X5U_FETCH_FAILED, e.violation());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 4_000);
    }

    @Test
    void fetch_notPem_isRefused() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> fetcher.fetch(url("/pa/garbage.pem")).await());

        assertEquals(Violation.TOKEN_X5U_FETCH_FAILED, e.violation());
    }

    @Test
    void fetch_connectionRefused_failsAsFetchFailure() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> fetcher.fetch(URI.create("http://127.0.0.1:1/pa/x.pem")).await());

        assertEquals(Violation.TOKEN_X5U_FETCH_FAILED, e.violation());
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    private static void sendChunked(HttpServerResponse response, int total) {
        response.setChunked(true);
        byte[] chunk = new byte[4096];
        for (int sent = 0; sent < total; sent += chunk.length) {
            response.write(Buffer.buffer(chunk));
        }
        response.end();
    }
}
