package org.stica.crl.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.stica.crl.CrlException;
import org.stica.crl.publish.CrlSchedule;
import org.stica.crl.publish.CrlSnapshot;

/**
 * Serves the current CRL from its local files with sendFile (STANDARDS.md §6.4; no copy of a
 * large CRL in the heap per download, no database query): GET and HEAD, DER as
 * {@code application/pkix-crl} (RFC 2585 §4, RFC 5280 §4.2.1.13) or PEM as
 * {@code application/x-pem-file}; strong ETag, Last-Modified = thisUpdate,
 * {@code Cache-Control: public, max-age=<until the planned rebuild, never past nextUpdate>};
 * 304 for a matching If-None-Match / If-Modified-Since (RFC 9110 §13). No CRL yet: fails the
 * request with {@code CrlException(NOT_PUBLISHED)} for the problem handler (503).
 */
public final class CrlHandler {
    public static final String DER_TYPE = "application/pkix-crl";
    public static final String PEM_TYPE = "application/x-pem-file";

    private final Supplier<CrlSnapshot> current;
    private final CrlSchedule schedule;

    public CrlHandler(Supplier<CrlSnapshot> current, CrlSchedule schedule) {
        this.current = Objects.requireNonNull(current, "current");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** GET/HEAD of the DER CRL. */
    public void der(RoutingContext ctx) {
        CrlSnapshot snapshot = current.get();
        if (snapshot == null) {
            ctx.fail(notPublished());
            return;
        }
        serve(ctx, snapshot, snapshot.etag(), DER_TYPE, snapshot.derFile(), snapshot.derSize());
    }

    /** GET/HEAD of the same CRL as PEM. */
    public void pem(RoutingContext ctx) {
        CrlSnapshot snapshot = current.get();
        if (snapshot == null) {
            ctx.fail(notPublished());
            return;
        }
        serve(ctx, snapshot, snapshot.pemEtag(), PEM_TYPE, snapshot.pemFile(),
                snapshot.pemSize());
    }

    private void serve(RoutingContext ctx, CrlSnapshot snapshot, String etag, String type,
            Path body, long size) {
        HttpServerResponse response = ctx.response();
        response.putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.LAST_MODIFIED, HttpDates.format(snapshot.crl().thisUpdate()))
                .putHeader(HttpHeaders.CACHE_CONTROL,
                        "public, max-age=" + schedule.maxAgeSeconds(snapshot.crl()));
        String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        String ifModifiedSince = ctx.request().getHeader(HttpHeaders.IF_MODIFIED_SINCE);
        if (ConditionalGet.notModified(ifNoneMatch, ifModifiedSince, etag,
                snapshot.crl().thisUpdate())) {
            response.setStatusCode(304).end();
            return;
        }
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(size));
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.sendFile(body.toString()).onFailure(ctx::fail);
        }
    }

    private static CrlException notPublished() {
        return new CrlException(CrlException.Kind.NOT_PUBLISHED, "no CRL has been published yet");
    }
}
