package org.stica.server.notify;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A carrier's webhook endpoint on 127.0.0.1 (port 0): records every request (headers, body,
 * whether its signature verifies, recomputed here with javax.crypto independently of
 * {@link WebhookSignature}) and answers {@link #status}, or never answers when it is 0.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One received request. */
    public record Received(String event, String delivery, String timestamp, String signature,
                           String contentType, String body, boolean signatureValid) {
        public JsonObject json() {
            return new JsonObject(body);
        }
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger status = new AtomicInteger(200);
    /** Requests being handled at this moment, and the most seen at once. */
    public final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    private final HttpServer server;
    private volatile String secret = "";
    private volatile long delayMillis;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start(Vertx vertx) {
        WebhookReceiver[] holder = new WebhookReceiver[1];
        HttpServer server = vertx.createHttpServer().requestHandler(r -> holder[0].handle(r));
        holder[0] = new WebhookReceiver(server);
        server.listen(0, "127.0.0.1").await();
        return holder[0];
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hooks/stica";
    }

    public void secret(String value) {
        this.secret = value;
    }

    /** Answers after {@code millis} (a slow receiver). */
    public void delay(long millis) {
        this.delayMillis = millis;
    }

    private void handle(HttpServerRequest request) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        request.body().onSuccess(body -> {
            String text = body.toString(StandardCharsets.UTF_8);
            String timestamp = request.getHeader("X-STICA-Timestamp");
            String signature = request.getHeader("X-STICA-Signature");
            received.add(new Received(request.getHeader("X-STICA-Event"),
                    request.getHeader("X-STICA-Delivery"), timestamp, signature,
                    request.getHeader("Content-Type"), text,
                    signature != null && signature.equals(expected(timestamp, text))));
            int answer = status.get();
            if (answer == 0) {
                return; // hung: never answers
            }
            Runnable reply = () -> {
                inFlight.decrementAndGet();
                request.response().setStatusCode(answer).end();
            };
            if (delayMillis > 0) {
                Vertx.currentContext().owner().setTimer(delayMillis, id -> reply.run());
            } else {
                reply.run();
            }
        });
    }

    private String expected(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close().await();
    }
}
