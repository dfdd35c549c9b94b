package org.stica.crl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stica.crl.http.CrlHandler;
import org.stica.crl.publish.CrlSchedule;
import org.stica.crl.publish.CrlSnapshot;
import org.stica.crl.store.StoredCrl;
import org.stica.crl.testing.Await;
import org.stica.crl.testing.CrlDatabase;
import org.stica.crl.testing.InMemoryKeyVault;
import org.stica.crl.testing.ListRevokedSource;
import org.stica.crl.testing.TestPki;
import org.stica.hsm.SignerPool;

/** The CRL routes mounted on a parent router, over real HTTP with the Vert.x WebClient. */
class CrlRoutesTest {
    private static final String PATH = "/download/v1/crl";
    private static final Duration VALIDITY = Duration.ofHours(24);

    private static TestPki pki;

    private Vertx vertx;
    private CrlDatabase database;
    private Pool pool;
    private SignerPool signer;
    private CrlModule module;
    private HttpServer server;
    private Router extra;
    private WebClient client;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        database = CrlDatabase.create();
        pool = database.pool(vertx, 4);
        signer = new SignerPool(vertx, new InMemoryKeyVault().with("crl-signer", pki.signerKeys(),
                List.of(pki.signer(), pki.root())), 2);
        CrlConfig config = new CrlConfig(URI.create("https://pa.example.test" + PATH), PATH,
                "crl-signer",
                pki.signer(), Optional.empty(), VALIDITY, Duration.ofMinutes(5));
        module = new CrlModule(vertx, pool, signer, new ListRevokedSource(), config,
                Clock.systemUTC());
        Router publicRouter = Router.router(vertx);
        publicRouter.route("/*").subRouter(module.router());
        publicRouter.get("/other").handler(ctx -> ctx.response().end("other"));
        extra = Router.router(vertx);
        publicRouter.route("/*").subRouter(extra);
        publicRouter.get("/broken").handler(ctx -> ctx.fail(new IllegalStateException("not ours")));
        server = Await.result(vertx.createHttpServer().requestHandler(publicRouter).listen(0,
                "127.0.0.1"));
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()));
    }

    @AfterEach
    void tearDown() {
        module.stop();
        client.close();
        Await.settled(server.close());
        Await.settled(pool.close());
        signer.close();
        Await.settled(vertx.close());
        database.close();
    }

    @Test
    void get_beforeAnyCrl_is503Problem() {
        HttpResponse<Buffer> response = send(HttpMethod.GET, PATH, null, null);

        assertEquals(503, response.statusCode());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        assertEquals(503, response.bodyAsJsonObject().getInteger("status"));
        assertTrue(response.getHeader("Retry-After") != null);
    }

    @Test
    void get_crlServedFromItsFile_isTheSameAsFromMemory() {
        // a CRL above CrlSnapshot.IN_MEMORY_MAX_BYTES is sent from its file: same bytes, headers
        Await.result(module.start());
        StoredCrl crl = module.current().orElseThrow();
        CrlSnapshot fileOnly = CrlSnapshot.of(crl, 0);
        assertTrue(fileOnly.derBytes().isEmpty() && fileOnly.pemBytes().isEmpty());
        assertTrue(CrlSnapshot.of(crl).derBytes().isPresent());
        CrlHandler handler = new CrlHandler(() -> fileOnly,
                new CrlSchedule(VALIDITY, Clock.systemUTC()));
        extra.get("/file-only.crl").handler(handler::der);
        extra.get("/file-only.pem").handler(handler::pem);

        HttpResponse<Buffer> fromFile = send(HttpMethod.GET, "/file-only.crl", null, null);
        HttpResponse<Buffer> fromMemory = send(HttpMethod.GET, PATH, null, null);
        HttpResponse<Buffer> pemFromFile = send(HttpMethod.GET, "/file-only.pem", null, null);
        HttpResponse<Buffer> pemFromMemory = send(HttpMethod.GET, PATH + ".pem", null, null);

        assertEquals(200, fromFile.statusCode());
        assertArrayEquals(crl.der(), fromFile.bodyAsBuffer().getBytes());
        assertArrayEquals(fromMemory.bodyAsBuffer().getBytes(), fromFile.bodyAsBuffer().getBytes());
        assertEquals(fromMemory.getHeader("ETag"), fromFile.getHeader("ETag"));
        assertEquals(fromMemory.getHeader("Content-Length"), fromFile.getHeader("Content-Length"));
        assertEquals(200, pemFromMemory.statusCode());
        assertArrayEquals(pemFromMemory.bodyAsBuffer().getBytes(),
                pemFromFile.bodyAsBuffer().getBytes());
    }

    @Test
    void get_publishedCrl_is200DerWithCachingHeaders() {
        // RFC 2585 §4 / RFC 5280 §4.2.1.13: DER under application/pkix-crl; STANDARDS.md §6.4
        // caching.
        Await.result(module.start());
        StoredCrl crl = module.current().orElseThrow();

        HttpResponse<Buffer> response = send(HttpMethod.GET, PATH, null, null);

        assertEquals(200, response.statusCode());
        assertEquals("application/pkix-crl", response.getHeader("Content-Type"));
        assertArrayEquals(crl.der(), response.bodyAsBuffer().getBytes());
        assertEquals("\"" + crl.sha256() + "\"", response.getHeader("ETag"));
        assertEquals(crl.thisUpdate(), ZonedDateTime.parse(response.getHeader("Last-Modified"),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        long maxAge = maxAge(response.getHeader("Cache-Control"));
        assertTrue(response.getHeader("Cache-Control").startsWith("public, max-age="));
        assertTrue(maxAge > 0 && maxAge <= VALIDITY.dividedBy(2).toSeconds(), "max-age " + maxAge);
    }

    @Test
    void head_publishedCrl_isHeadersWithoutBody() {
        Await.result(module.start());
        StoredCrl crl = module.current().orElseThrow();

        HttpResponse<Buffer> response = send(HttpMethod.HEAD, PATH, null, null);

        assertEquals(200, response.statusCode());
        assertEquals("application/pkix-crl", response.getHeader("Content-Type"));
        assertEquals(Integer.toString(crl.der().length), response.getHeader("Content-Length"));
        assertEquals("\"" + crl.sha256() + "\"", response.getHeader("ETag"));
        assertTrue(response.body() == null || response.body().length() == 0);
    }

    @Test
    void get_ifNoneMatchCurrentEtag_is304WithoutBody() {
        // RFC 9110 §13.1.2: a matching If-None-Match on GET answers 304.
        Await.result(module.start());
        String etag = send(HttpMethod.GET, PATH, null, null).getHeader("ETag");

        HttpResponse<Buffer> response = send(HttpMethod.GET, PATH, "If-None-Match", etag);

        assertEquals(304, response.statusCode());
        assertEquals(etag, response.getHeader("ETag"));
        assertTrue(response.body() == null || response.body().length() == 0);
    }

    @Test
    void get_ifNoneMatchStaleEtag_is200() {
        Await.result(module.start());

        assertEquals(200, send(HttpMethod.GET, PATH, "If-None-Match", "\"stale\"").statusCode());
    }

    @Test
    void get_ifModifiedSinceLastModified_is304() {
        // RFC 9110 §13.1.3: not modified since the given date answers 304.
        Await.result(module.start());
        String lastModified = send(HttpMethod.GET, PATH, null, null).getHeader("Last-Modified");

        assertEquals(304, send(HttpMethod.GET, PATH, "If-Modified-Since",
                lastModified).statusCode());
    }

    @Test
    void get_afterPublishNow_servesTheNewCrlAndOldEtagNoLongerMatches() {
        Await.result(module.start());
        String etag = send(HttpMethod.GET, PATH, null, null).getHeader("ETag");

        Await.result(module.publishNow());
        HttpResponse<Buffer> response = send(HttpMethod.GET, PATH, "If-None-Match", etag);

        assertEquals(200, response.statusCode());
        assertArrayEquals(module.current().orElseThrow().der(), response.bodyAsBuffer().getBytes());
    }

    @Test
    void get_pem_isSameCrlAsPem() throws Exception {
        // STANDARDS.md §6.4 item 1 / §0 trap 8: PEM at a second URL, never under
        // application/pkix-crl.
        Await.result(module.start());

        HttpResponse<Buffer> response = send(HttpMethod.GET, PATH + ".pem", null, null);

        assertEquals(200, response.statusCode());
        assertEquals("application/x-pem-file", response.getHeader("Content-Type"));
        PemObject pem = new PemReader(new StringReader(response.bodyAsString(
                StandardCharsets.US_ASCII.name())))
                .readPemObject();
        assertEquals("X509 CRL", pem.getType());
        assertArrayEquals(module.current().orElseThrow().der(), pem.getContent());
        assertNotEquals(send(HttpMethod.GET, PATH, null, null).getHeader("ETag"),
                response.getHeader("ETag"));
    }

    @Test
    void otherRoutes_ofTheParentRouter_areUntouched() {
        Await.result(module.start());

        HttpResponse<Buffer> other = send(HttpMethod.GET, "/other", null, null);
        HttpResponse<Buffer> broken = send(HttpMethod.GET, "/broken", null, null);

        assertEquals(200, other.statusCode());
        assertEquals("other", other.bodyAsString());
        assertEquals(500, broken.statusCode());
        assertNotEquals("application/problem+json", broken.getHeader("Content-Type"));
        assertEquals(404, send(HttpMethod.GET, "/nothing", null, null).statusCode());
    }

    private HttpResponse<Buffer> send(HttpMethod method, String path, String header, String value) {
        var request = client.request(method, path);
        if (header != null) {
            request.putHeader(header, value);
        }
        return Await.result(request.send());
    }

    private static long maxAge(String cacheControl) {
        return Long.parseLong(cacheControl.substring(cacheControl.indexOf("max-age=")
                + "max-age=".length()).trim());
    }
}
