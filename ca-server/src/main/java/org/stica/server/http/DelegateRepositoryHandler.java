package org.stica.server.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Pattern;
import org.stica.policy.PolicyException;
import org.stica.server.delegate.DelegatePublicationService;
import org.stica.server.delegate.DelegateRecord;

/**
 * The STI-CR for delegate certificates (RFC 9060 §7; STANDARDS.md §2, §4.4):
 * {@code POST /cr/delegates} takes a PEM chain (delegate end entity, then the SCA certificate
 * this CA issued, optionally our intermediate and root), at most {@link #MAX_BODY_BYTES}; no
 * credentials, the chain's signatures are the authorization. Accepted → 201 (200 when the same
 * leaf was published before) with {@code Location} = the stable x5u URL and the served chain;
 * refused → an RFC 9457 problem naming the violation, nothing stored.
 * {@code GET/HEAD /cr/delegates/{sha256}.pem} serves it like {@code /cr/{serial}.pem}.
 */
public final class DelegateRepositoryHandler {
    /** Path of the publication endpoint. */
    public static final String PATH = "/cr/delegates";
    /** Largest chain body accepted. */
    public static final int MAX_BODY_BYTES = 32 * 1024;
    private static final Pattern FILE = Pattern.compile("^([0-9a-f]{64})\\.pem$");

    private final DelegatePublicationService service;
    private final String publicUrl;
    private final Clock clock;

    public DelegateRepositoryHandler(DelegatePublicationService service, String publicUrl,
                                     Clock clock) {
        this.service = service;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Mounts POST {@link #PATH} and GET/HEAD {@code PATH/:file}. */
    public void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::publish).failureHandler(ProblemResponder::handle);
        router.get(PATH + "/:file").handler(this::serve).failureHandler(ProblemResponder::handle);
        router.head(PATH + "/:file").handler(this::serve)
                .failureHandler(ProblemResponder::handle);
    }

    private void publish(RoutingContext ctx) {
        String body = ctx.body().asString(StandardCharsets.US_ASCII.name());
        service.publish(body == null ? "" : body, ctx.request().remoteAddress().hostAddress())
                .onSuccess(published -> {
                    DelegateRecord record = published.record();
                    ctx.response().setStatusCode(published.created() ? 201 : 200)
                            .putHeader(HttpHeaders.LOCATION, url(record))
                            .putHeader(HttpHeaders.CONTENT_TYPE,
                                    CertificateRepositoryHandler.CHAIN_TYPE)
                            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                            .end(record.chainPem());
                })
                .onFailure(failure -> ctx.fail(failure instanceof PolicyException refusal
                        ? toProblem(refusal) : failure));
    }

    private void serve(RoutingContext ctx) {
        var matcher = FILE.matcher(ctx.pathParam("file"));
        if (!matcher.matches()) {
            ctx.fail(new HttpProblem(404, "notFound", "no such delegate certificate"));
            return;
        }
        service.find(matcher.group(1))
                .onSuccess(found -> found.ifPresentOrElse(record -> {
                    PemResource pem = PemResource.of(record.chainPem());
                    HttpResources.send(ctx, pem.body().getBytes(StandardCharsets.US_ASCII),
                            CertificateRepositoryHandler.CHAIN_TYPE, pem.etag(),
                            record.notBefore(), "public, max-age="
                                    + CertificateRepositoryHandler.maxAge(clock.instant(),
                                    record.notAfter()));
                }, () -> ctx.fail(new HttpProblem(404, "notFound",
                        "no such delegate certificate"))))
                .onFailure(ctx::fail);
    }

    private String url(DelegateRecord record) {
        return publicUrl + PATH + "/" + record.id() + ".pem";
    }

    /** Each refusal keeps its violation as the problem type (RFC 9457 §3.1.1). */
    static HttpProblem toProblem(PolicyException refusal) {
        return switch (refusal.violation()) {
            case DELEGATE_NOT_ENCOMPASSED ->
                    new HttpProblem(403, "delegateNotEncompassed", refusal.detail());
            case DELEGATE_PARENT_INVALID ->
                    new HttpProblem(403, "delegateParentInvalid", refusal.detail());
            case DELEGATE_LINT_FAILED ->
                    new HttpProblem(400, "delegateLintFailed", refusal.detail());
            default -> new HttpProblem(400, "malformedDelegateChain", refusal.detail());
        };
    }
}
