package org.stica.loadgen;

import io.netty.util.AsciiString;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import org.stica.loadgen.Stats.Step;

/**
 * One concurrent flow on its own event-loop context: newAccount once (and the SPC token once),
 * then enrollments back to back until stopped: newOrder → authorization → challenge → poll
 * authorization → finalize → poll order → certificate. A failed step is counted (by step and
 * kind) and the next enrollment starts after a short pause.
 */
final class Worker extends VerticleBase {
    private static final Duration POLL_LIMIT = Duration.ofSeconds(30);
    private static final long ERROR_PAUSE_MS = 50;
    private static final String POST_AS_GET = FlattenedJws.EMPTY_PAYLOAD;
    private static final CharSequence PEM_CHAIN =
            AsciiString.cached("application/pem-certificate-chain");

    private final AcmeClient acme;
    private final Directory directory;
    private final Enrollment enrollment;
    private final Stats stats;
    private final long pollMillis;
    private final String newOrderPayload;
    private final String finalizePayload;
    private final Promise<Void> finished = Promise.promise();
    private volatile boolean running = true;
    private volatile String lastChain;

    /** The step in progress when a flow failed. */
    private static final class StepFailed extends RuntimeException {
        final Step step;
        final AcmeFailure failure;

        StepFailed(Step step, AcmeFailure failure) {
            super(null, null, false, false);
            this.step = step;
            this.failure = failure;
        }
    }

    private record OrderRef(String url, String authz, String finalizeUrl) {
    }

    Worker(AcmeClient acme, Directory directory, Enrollment enrollment, Stats stats, long pollMillis) {
        this.acme = acme;
        this.directory = directory;
        this.enrollment = enrollment;
        this.stats = stats;
        this.pollMillis = pollMillis;
        // the same for every order of this worker: encoded once (FlattenedJws.payload)
        this.newOrderPayload = FlattenedJws.payload(new JsonObject()
                .put("identifiers", new JsonArray().add(enrollment.identifier())));
        this.finalizePayload = FlattenedJws.payload(new JsonObject()
                .put("csr", Base64.getUrlEncoder().withoutPadding().encodeToString(enrollment.csr())));
    }

    @Override
    public Future<?> start() {
        context.runOnContext(v -> register());
        return Future.succeededFuture();
    }

    /** Asks the worker to finish its current enrollment and stop. */
    void halt() {
        running = false;
    }

    Future<Void> finished() {
        return finished.future();
    }

    /** The PEM chain of the latest issued certificate, or null. */
    String lastChain() {
        return lastChain;
    }

    private void register() {
        if (!running) {
            finished.tryComplete();
            return;
        }
        timed(Step.NEW_ACCOUNT, () -> acme.post(directory.newAccount(),
                FlattenedJws.payload(new JsonObject().put("termsOfServiceAgreed", true))).map(r -> {
                    String location = r.header("Location");
                    if (location == null) {
                        throw new AcmeFailure("newAccount without Location (HTTP " + r.statusCode()
                                + ")", "");
                    }
                    acme.key().account(location);
                    return location;
                }))
                .compose(v -> timed(Step.TOKEN, enrollment::challengeResponse))
                .onSuccess(v -> loop())
                .onFailure(e -> {
                    failed(e);
                    vertx.setTimer(1000, t -> register());
                });
    }

    private void loop() {
        if (!running) {
            finished.tryComplete();
            return;
        }
        long start = System.nanoTime();
        enroll().onComplete(ar -> {
            if (ar.succeeded()) {
                stats.issued(System.nanoTime() - start);
                context.runOnContext(v -> loop());
            } else {
                failed(ar.cause());
                vertx.setTimer(ERROR_PAUSE_MS, t -> loop());
            }
        });
    }

    private void failed(Throwable e) {
        if (e instanceof StepFailed f) {
            stats.error(f.step, f.failure);
        } else {
            stats.error(Step.TOTAL, AcmeFailure.of(e));
        }
    }

    private Future<Void> enroll() {
        return timed(Step.NEW_ORDER, () -> acme.post(directory.newOrder(), newOrderPayload)
                .map(this::orderRef))
                .compose(order -> timed(Step.AUTHZ, () -> acme.post(order.authz(), POST_AS_GET))
                        .compose(authz -> answer(order, AcmeClient.json(authz)))
                        .compose(v -> timed(Step.FINALIZE, () -> acme.post(order.finalizeUrl(),
                                finalizePayload)))
                        .compose(finalized -> timed(Step.POLL_ORDER, () -> pollOrder(order.url(),
                                AcmeClient.json(finalized), System.nanoTime()))))
                .compose(certificateUrl -> timed(Step.CERTIFICATE, () -> acme.post(certificateUrl,
                        POST_AS_GET, PEM_CHAIN)))
                .map(this::keepChain);
    }

    private OrderRef orderRef(Reply response) {
        JsonObject order = AcmeClient.json(response);
        JsonArray authzs = order.getJsonArray("authorizations");
        String location = response.header("Location");
        if (location == null || authzs == null || authzs.size() != 1
                || order.getString("finalize") == null) {
            throw new AcmeFailure("newOrder answer incomplete", order.encode());
        }
        return new OrderRef(location, authzs.getString(0), order.getString("finalize"));
    }

    /** Answers the challenge unless the authorization is already valid (reused by the server). */
    private Future<Void> answer(OrderRef order, JsonObject authz) {
        if ("valid".equals(authz.getString("status"))) {
            return Future.succeededFuture();
        }
        String url = challengeUrl(authz);
        return timed(Step.CHALLENGE, () -> enrollment.challengeResponse()
                .compose(body -> acme.post(url, body)))
                .compose(r -> timed(Step.POLL_AUTHZ, () -> pollAuthz(order.authz(),
                        System.nanoTime())));
    }

    private String challengeUrl(JsonObject authz) {
        JsonArray challenges = authz.getJsonArray("challenges", new JsonArray());
        for (int i = 0; i < challenges.size(); i++) {
            JsonObject c = challenges.getJsonObject(i);
            if (enrollment.challengeType().equals(c.getString("type"))) {
                return c.getString("url");
            }
        }
        throw new AcmeFailure("no " + enrollment.challengeType() + " challenge offered",
                authz.encode());
    }

    private Future<Void> pollAuthz(String url, long since) {
        return acme.post(url, POST_AS_GET).compose(r -> {
            JsonObject authz = AcmeClient.json(r);
            String status = authz.getString("status");
            if ("valid".equals(status)) {
                return Future.succeededFuture();
            }
            if (!"pending".equals(status) && !"processing".equals(status)) {
                return Future.failedFuture(new AcmeFailure("authorization " + status,
                        challengeError(authz)));
            }
            return later(since, () -> pollAuthz(url, since));
        });
    }

    /** Polls the order until valid; answers its certificate URL. */
    private Future<String> pollOrder(String url, JsonObject order, long since) {
        String status = order.getString("status");
        if ("valid".equals(status) && order.getString("certificate") != null) {
            return Future.succeededFuture(order.getString("certificate"));
        }
        if (!"processing".equals(status) && !"ready".equals(status) && !"valid".equals(status)) {
            return Future.failedFuture(new AcmeFailure("order " + status,
                    String.valueOf(order.getValue("error"))));
        }
        return later(since, () -> acme.post(url, POST_AS_GET)
                .compose(r -> pollOrder(url, AcmeClient.json(r), since)));
    }

    private <T> Future<T> later(long since, Supplier<Future<T>> next) {
        if (System.nanoTime() - since > POLL_LIMIT.toNanos()) {
            return Future.failedFuture(new AcmeFailure("poll timeout", "still not final after "
                    + POLL_LIMIT.toSeconds() + " s"));
        }
        Promise<T> promise = Promise.promise();
        vertx.setTimer(pollMillis, t -> next.get().onComplete(promise));
        return promise.future();
    }

    private static String challengeError(JsonObject authz) {
        JsonArray challenges = authz.getJsonArray("challenges", new JsonArray());
        for (int i = 0; i < challenges.size(); i++) {
            Object error = challenges.getJsonObject(i).getValue("error");
            if (error != null) {
                return error.toString();
            }
        }
        return authz.encode();
    }

    private Void keepChain(Reply response) {
        String pem = response.bodyAsString();
        if (pem == null || !pem.startsWith("-----BEGIN CERTIFICATE-----")) {
            throw new StepFailed(Step.CERTIFICATE, new AcmeFailure("certificate not PEM",
                    String.valueOf(response.header("Content-Type"))));
        }
        lastChain = pem;
        return null;
    }

    /** Runs a step, records its time, and tags a failure with the step. */
    private <T> Future<T> timed(Step step, Supplier<Future<T>> action) {
        long start = System.nanoTime();
        Future<T> result;
        try {
            result = action.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.transform(ar -> {
            if (ar.succeeded()) {
                stats.step(step, System.nanoTime() - start);
                return Future.succeededFuture(ar.result());
            }
            Throwable cause = ar.cause();
            return Future.failedFuture(cause instanceof StepFailed ? cause
                    : new StepFailed(step, AcmeFailure.of(cause)));
        });
    }
}
