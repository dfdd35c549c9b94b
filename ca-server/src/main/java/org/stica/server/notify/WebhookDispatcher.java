package org.stica.server.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.config.Notify;

/**
 * Sends queued webhook deliveries (issue 15). Every {@link Notify#dispatchInterval()} each
 * instance claims at most {@link Notify#batchSize()} due deliveries ({@code FOR UPDATE SKIP
 * LOCKED}; see {@link WebhookStore#claim}) under a lease longer than one request, so that two
 * instances never send one delivery at the same time and a crashed instance's claim is taken
 * again once its lease ran out. Each is POSTed once: {@code Content-Type: application/json},
 * {@code X-STICA-Event}, {@code X-STICA-Delivery}, {@code X-STICA-Timestamp} (unix seconds) and
 * {@code X-STICA-Signature} ({@link WebhookSignature}); no redirects, the response body is
 * discarded, and the request is bounded by {@link Notify#requestTimeout()} (connect, idle and
 * total). A 2xx answer is delivered; anything else is retried after
 * {@link Notify#retryAfter(int)}, and after {@link Notify#maxAttempts()} attempts the delivery
 * is failed. The URL is checked again before sending ({@link WebhookUrlPolicy}: fail closed when
 * the configuration became stricter). Everything is asynchronous; the HMAC is computed on the
 * event loop (microseconds).
 */
public final class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Lease margin beyond the request bound, for recording the outcome. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final int MAX_ERROR_LENGTH = 200;

    /** One attempt's result: the HTTP status if an answer came, or why not. */
    private record Attempt(OptionalInt status, String error) {
        boolean delivered() {
            return status.isPresent() && status.getAsInt() / 100 == 2;
        }
    }

    private final Vertx vertx;
    private final WebhookStore store;
    private final Notify config;
    private final Clock clock;
    private final WebClient client;
    private final WebhookUrlPolicy urls;
    private long timer = -1;
    private boolean stopped;
    private Future<Integer> running = Future.succeededFuture(0);

    public WebhookDispatcher(Vertx vertx, WebhookStore store, Notify config, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.urls = new WebhookUrlPolicy(config.allowHttpLoopback());
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) config.requestTimeout().toMillis())
                .setKeepAlive(false)
                .setUserAgent("stica-webhooks"));
    }

    /** Sweeps every {@link Notify#dispatchInterval()}. */
    public void start() {
        timer = vertx.setPeriodic(config.dispatchInterval().toMillis(), id -> sweepLogged());
    }

    /** Stops the timer and closes the client (requests in flight fail; their lease expires). */
    public void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        client.close();
    }

    private void sweepLogged() {
        if (!running.isComplete() || stopped) {
            return;
        }
        running = sweep().onFailure(e -> LOG.warn("webhook dispatch failed: {}",
                e.getMessage()));
    }

    /** Claims the due deliveries and sends them; completes with how many were delivered. */
    public Future<Integer> sweep() {
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(config.requestTimeout()).plus(LEASE_MARGIN);
        return store.claim(now, leaseUntil, leaseToken(), config.batchSize())
                .compose(this::sendAll);
    }

    private Future<Integer> sendAll(List<ClaimedDelivery> claimed) {
        List<Future<Boolean>> sent = claimed.stream().map(this::deliver).toList();
        return Future.join(sent).otherwiseEmpty().map(v -> (int) sent.stream()
                .filter(f -> f.succeeded() && f.result()).count());
    }

    /** Sends one delivery and records the outcome; {@code true} when delivered. */
    private Future<Boolean> deliver(ClaimedDelivery delivery) {
        Optional<String> refused = urls.problem(delivery.url());
        Future<Attempt> attempt = refused.isPresent()
                ? Future.succeededFuture(new Attempt(OptionalInt.empty(),
                "url refused: " + refused.get()))
                : post(delivery);
        return attempt.compose(result -> record(delivery, result));
    }

    private Future<Attempt> post(ClaimedDelivery delivery) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        long bound = config.requestTimeout().toMillis();
        Future<Attempt> sent = client.postAbs(delivery.url())
                .followRedirects(false)
                .connectTimeout(bound)
                .idleTimeout(bound)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-STICA-Event", delivery.type().wireName())
                .putHeader("X-STICA-Delivery", delivery.id())
                .putHeader("X-STICA-Timestamp", timestamp)
                .putHeader(WebhookSignature.HEADER, WebhookSignature.header(delivery.secret(),
                        timestamp, delivery.payload()))
                .as(BodyCodec.none())
                .sendBuffer(Buffer.buffer(delivery.payload()))
                .map(WebhookDispatcher::answered)
                .otherwise(WebhookDispatcher::unanswered);
        return withDeadline(sent, bound);
    }

    /** The attempt, or "timed out" once {@code millis} passed (a slow-drip answer). */
    private Future<Attempt> withDeadline(Future<Attempt> sent, long millis) {
        Promise<Attempt> result = Promise.promise();
        long deadline = vertx.setTimer(millis + 1000, id -> result.tryComplete(
                new Attempt(OptionalInt.empty(), "timed out")));
        sent.onSuccess(result::tryComplete).onComplete(done -> vertx.cancelTimer(deadline));
        return result.future();
    }

    private static Attempt answered(HttpResponse<Void> response) {
        int status = response.statusCode();
        String error = status / 100 == 2 ? null : status / 100 == 3
                ? "HTTP " + status + " (redirects are not followed)" : "HTTP " + status;
        return new Attempt(OptionalInt.of(status), error);
    }

    private static Attempt unanswered(Throwable e) {
        String name = e.getClass().getSimpleName();
        String message = String.valueOf(e.getMessage());
        String reason = name.contains("Timeout") || message.contains("timeout")
                || message.contains("timed out") ? "timed out" : "connection failed: " + name;
        return new Attempt(OptionalInt.empty(), reason);
    }

    private Future<Boolean> record(ClaimedDelivery delivery, Attempt attempt) {
        Instant now = clock.instant();
        if (attempt.delivered()) {
            return store.recordDelivered(delivery, attempt.status().getAsInt(), now)
                    .onSuccess(recorded -> warnIfLost(delivery, recorded));
        }
        boolean last = delivery.attempts() >= config.maxAttempts();
        Optional<Instant> retryAt = last ? Optional.empty()
                : Optional.of(now.plus(config.retryAfter(delivery.attempts())));
        String error = attempt.error().length() > MAX_ERROR_LENGTH
                ? attempt.error().substring(0, MAX_ERROR_LENGTH) : attempt.error();
        if (last) {
            LOG.warn("webhook delivery {} ({}) to subscriber {} failed after {} attempts: {}",
                    delivery.id(), delivery.type().wireName(), delivery.subscriberId(),
                    delivery.attempts(), error);
        } else {
            LOG.info("webhook delivery {} attempt {} failed ({}); retry at {}", delivery.id(),
                    delivery.attempts(), error, retryAt.get());
        }
        return store.recordFailed(delivery, attempt.status(), error, retryAt)
                .onSuccess(recorded -> warnIfLost(delivery, recorded)).map(false);
    }

    private static void warnIfLost(ClaimedDelivery delivery, boolean recorded) {
        if (!recorded) {
            LOG.warn("webhook delivery {}: lease lost before the outcome was recorded",
                    delivery.id());
        }
    }

    private static String leaseToken() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
