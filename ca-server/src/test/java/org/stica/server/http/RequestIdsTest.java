package org.stica.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.stica.server.trace.RequestIdLogFilter;
import org.stica.testing.TestDatabase;

/**
 * Issue 17 request ids: every request gets an {@code X-Request-Id} back (the client's when well
 * formed, else a new one), and every log line made for it carries that id in its MDC, also
 * after the request hopped to a database reply and a worker thread while other requests ran on
 * the same event loop; work outside any request (a periodic timer, an idle loop, a timer that
 * fires after the response) carries none.
 * One access line per request, without the query string. Runs under the server's own
 * {@code logback.xml}, so the logback filter is the one production declares.
 */
class RequestIdsTest {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(RequestIdsTest.class);
    private static final String HEADER = "X-Request-Id";

    private static Vertx vertx;
    private static TestDatabase db;
    private static Pool pool;
    private static WebClient client;
    private static int port;
    private static int quietPort;
    private static final Captured lines = new Captured();

    /** Keeps each event with the MDC of the thread that logged it (as the async appender does). */
    private static final class Captured extends ListAppender<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }

        synchronized List<ILoggingEvent> snapshot() {
            return new ArrayList<>(list);
        }
    }

    @BeforeAll
    static void start() {
        lines.start();
        ((Logger) LoggerFactory.getLogger(RequestIdsTest.class)).addAppender(lines);
        ((Logger) LoggerFactory.getLogger(AccessLog.LOGGER)).addAppender(lines);
        vertx = Vertx.vertx();
        db = TestDatabase.create();
        // two connections for many requests: they wait for each other and interleave
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
                .connectingTo(PgConnectOptions.fromUri(db.url())).using(vertx).build();
        client = WebClient.create(vertx);
        port = listen(new AccessLog(true));
        quietPort = listen(new AccessLog(false));
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(RequestIdsTest.class)).detachAppender(lines);
        ((Logger) LoggerFactory.getLogger(AccessLog.LOGGER)).detachAppender(lines);
        client.close();
        pool.close().await();
        vertx.close().await();
        db.close();
    }

    private static int listen(AccessLog accessLog) {
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::routed);
        router.get("/hop").handler(RequestIdsTest::hop);
        router.get("/timer").handler(RequestIdsTest::timer);
        router.route().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(ProblemResponder::handle);
        HttpServer server = vertx.createHttpServer()
                .requestHandler(new RequestIds(router, accessLog)).listen(0, "127.0.0.1").await();
        return server.actualPort();
    }

    /** Logs before, after a database reply, on a worker, and after that; answers the tag. */
    private static void hop(RoutingContext ctx) {
        String tag = ctx.queryParam("tag").get(0);
        LOG.info("arrived {}", tag);
        pool.query("SELECT pg_sleep(0.02)").execute()
                .compose(rows -> {
                    LOG.info("after the query {}", tag);
                    return vertx.executeBlocking(() -> {
                        LOG.info("on a worker {}", tag);
                        return tag;
                    });
                })
                .onSuccess(done -> {
                    LOG.info("answering {}", tag);
                    ctx.response().end(tag);
                })
                .onFailure(ctx::fail);
    }

    /**
     * Arms a periodic timer (work of its own) and a one-shot timer that fires after the response
     * (work the request left behind), and answers at once.
     */
    private static void timer(RoutingContext ctx) {
        String tag = ctx.queryParam("tag").get(0);
        vertx.setPeriodic(5, id -> {
            vertx.cancelTimer(id);
            LOG.info("periodic tick {}", tag);
        });
        vertx.setTimer(100, id -> LOG.info("one-shot tick {}", tag));
        ctx.response().end(tag);
    }

    @Test
    void request_withoutId_getsANewOne_andEveryLineAfterTheHopsCarriesIt() {
        String tag = tag();

        HttpResponse<Buffer> response = get(port, "/hop?tag=" + tag, null);

        String id = response.getHeader(HEADER);
        assertTrue(id != null && id.matches("[A-Za-z0-9_-]{22}"), "generated id " + id);
        assertEquals(List.of(id, id, id, id), idsOfLinesAbout(tag), "arrived, after the query,"
                + " on a worker, answering");
    }

    @Test
    void request_withWellFormedId_isAnsweredAndLoggedWithIt() {
        String tag = tag();
        String sent = "client-" + UUID.randomUUID();

        HttpResponse<Buffer> response = get(port, "/hop?tag=" + tag, sent);

        assertEquals(sent, response.getHeader(HEADER));
        assertEquals(List.of(sent, sent, sent, sent), idsOfLinesAbout(tag));
    }

    @Test
    void request_withMalformedId_getsANewOneInstead() {
        String tag = tag();
        String sent = "x".repeat(200);

        HttpResponse<Buffer> response = get(port, "/hop?tag=" + tag, sent);

        String id = response.getHeader(HEADER);
        assertNotEquals(sent, id);
        assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
        assertEquals(List.of(id, id, id, id), idsOfLinesAbout(tag));
    }

    @Test
    void concurrentRequests_onOneEventLoop_eachLineCarriesItsOwnRequestsId() {
        List<String> tags = new ArrayList<>();
        List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String tag = tag();
            tags.add(tag);
            answers.add(request(port, "/hop?tag=" + tag, i % 2 == 0 ? null : "mine-" + tag)
                    .send());
        }
        Future.all(answers).await();

        for (int i = 0; i < tags.size(); i++) {
            HttpResponse<Buffer> response = answers.get(i).result();
            assertEquals(tags.get(i), response.bodyAsString());
            String id = response.getHeader(HEADER);
            if (i % 2 == 1) {
                assertEquals("mine-" + tags.get(i), id);
            }
            assertEquals(List.of(id, id, id, id), idsOfLinesAbout(tags.get(i)), tags.get(i));
        }
    }

    @Test
    void workOutsideARequest_carriesNoId() throws Exception {
        String tag = tag();

        get(port, "/timer?tag=" + tag, "the-request");
        waitForLine("periodic tick " + tag);
        waitForLine("one-shot tick " + tag);
        vertx.runOnContext(v -> LOG.info("idle loop {}", tag));
        waitForLine("idle loop " + tag);
        LOG.info("test thread {}", tag);

        for (ILoggingEvent line : linesAbout(tag)) {
            assertNull(line.getMDCPropertyMap().get(RequestIdLogFilter.MDC_KEY),
                    line.getFormattedMessage());
        }
        assertEquals(4, linesAbout(tag).size());
    }

    @Test
    void accessLog_oneLinePerRequest_withStatusAndWithoutTheQuery() {
        String tag = tag();

        HttpResponse<Buffer> response = get(port, "/hop?tag=" + tag + "&token=s3cr3t", null);

        List<ILoggingEvent> access = accessLines(response.getHeader(HEADER));
        assertEquals(1, access.size(), access.toString());
        String line = access.get(0).getFormattedMessage();
        assertTrue(line.matches("GET /hop 200 \\d+ ms"), line);
        assertFalse(line.contains("s3cr3t") || line.contains(tag), line);
        Map<String, Object> fields = new HashMap<>();
        access.get(0).getKeyValuePairs().forEach(pair -> fields.put(pair.key, pair.value));
        assertEquals(Map.of("method", "GET", "path", "/hop", "status", 200),
                Map.of("method", fields.get("method"), "path", fields.get("path"),
                        "status", fields.get("status")));
        assertTrue(fields.get("durationMs") instanceof Long, fields.toString());
    }

    @Test
    void unknownRoute_problemDocumentCarriesTheHeader_andIsLogged() {
        HttpResponse<Buffer> response = get(port, "/nowhere", "lost-1");

        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        assertEquals("lost-1", response.getHeader(HEADER));
        List<ILoggingEvent> access = accessLines("lost-1");
        assertEquals(1, access.size());
        assertEquals("GET /nowhere 404", access.get(0).getFormattedMessage()
                .replaceAll(" \\d+ ms$", ""));
    }

    @Test
    void accessLogOff_writesNoLine_butTheIdStillWorks() {
        String tag = tag();

        HttpResponse<Buffer> response = get(quietPort, "/hop?tag=" + tag, "quiet-" + tag);

        assertEquals("quiet-" + tag, response.getHeader(HEADER));
        assertEquals(4, idsOfLinesAbout(tag).size());
        assertEquals(List.of(), accessLines("quiet-" + tag));
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpRequest<Buffer> request(int port, String path, String id) {
        HttpRequest<Buffer> request = client.get(port, "127.0.0.1", path);
        if (id != null) {
            request.putHeader(HEADER, id);
        }
        return request;
    }

    private static HttpResponse<Buffer> get(int port, String path, String id) {
        return request(port, path, id).send().await();
    }

    private static List<ILoggingEvent> linesAbout(String tag) {
        return lines.snapshot().stream()
                .filter(e -> e.getFormattedMessage().endsWith(" " + tag)).toList();
    }

    private static List<String> idsOfLinesAbout(String tag) {
        return linesAbout(tag).stream()
                .map(e -> e.getMDCPropertyMap().get(RequestIdLogFilter.MDC_KEY)).toList();
    }

    /**
     * The access lines of the request with {@code id}; the line follows the response, so this
     * waits briefly for it.
     */
    private static List<ILoggingEvent> accessLines(String id) {
        long deadline = System.currentTimeMillis() + 500;
        List<ILoggingEvent> found;
        do {
            found = lines.snapshot().stream()
                    .filter(e -> e.getLoggerName().equals(AccessLog.LOGGER))
                    .filter(e -> id.equals(e.getMDCPropertyMap().get(
                            RequestIdLogFilter.MDC_KEY))).toList();
        } while (found.isEmpty() && System.currentTimeMillis() < deadline && pause());
        return found;
    }

    private static void waitForLine(String message) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (lines.snapshot().stream().noneMatch(e -> e.getFormattedMessage().equals(message))) {
            assertTrue(System.currentTimeMillis() < deadline, "no line " + message);
            Thread.sleep(10);
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(10);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
