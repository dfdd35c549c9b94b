package org.stica.crl.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.stica.crl.CrlException;
import org.stica.crl.publish.CrlSchedule;
import org.stica.crl.publish.CrlSnapshot;

/**
 * Serves the current CRL from memory when small, else from its local file with sendFile
 * (STANDARDS.md §6.4; no copy of a large CRL in the heap per download, no database query): GET and HEAD, DER as
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
    /** Last-Modified of the snapshot served last, formatted once per snapshot. */
    private volatile Formatted lastModified = new Formatted(null, "");

    public CrlHandler(Supplier<CrlSnapshot> current, CrlSchedule schedule) {
        this.current = Objects.requireNonNull(current, "current");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** GET/HEAD of the DER CRL. */
    public void der(RoutingContext ctx) {
        if (!der(ctx.request(), ctx::fail)) {
            ctx.fail(notPublished());
        }
    }

    /** GET/HEAD of the same CRL as PEM. */
    public void pem(RoutingContext ctx) {
        if (!pem(ctx.request(), ctx::fail)) {
            ctx.fail(notPublished());
        }
    }

    /**
     * Answers a GET/HEAD of the DER CRL straight on the request (no router); false, with nothing
     * written, before the first CRL. {@code onFailure} hears of a failed file transfer.
     */
    public boolean der(HttpServerRequest request, Handler<Throwable> onFailure) {
        CrlSnapshot snapshot = current.get();
        if (snapshot == null) {
            return false;
        }
        serve(request, onFailure, snapshot, snapshot.etag(), DER_TYPE, snapshot.derFile(),
                snapshot.derSize(), snapshot.derBytes());
        return true;
    }

    /** As {@link #der(HttpServerRequest, Handler)} for the PEM form. */
    public boolean pem(HttpServerRequest request, Handler<Throwable> onFailure) {
        CrlSnapshot snapshot = current.get();
        if (snapshot == null) {
            return false;
        }
        serve(request, onFailure, snapshot, snapshot.pemEtag(), PEM_TYPE, snapshot.pemFile(),
                snapshot.pemSize(), snapshot.pemBytes());
        return true;
    }

    private void serve(HttpServerRequest request, Handler<Throwable> onFailure,
            CrlSnapshot snapshot, String etag, String type, Path body, long size,
            Optional<byte[]> inMemory) {
        HttpServerResponse response = request.response();
        response.putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.LAST_MODIFIED, lastModified(snapshot))
                .putHeader(HttpHeaders.CACHE_CONTROL,
                        "public, max-age=" + schedule.maxAgeSeconds(snapshot.crl()));
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        String ifModifiedSince = request.getHeader(HttpHeaders.IF_MODIFIED_SINCE);
        if (ConditionalGet.notModified(ifNoneMatch, ifModifiedSince, etag,
                snapshot.crl().thisUpdate())) {
            response.setStatusCode(304).end();
            return;
        }
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(size));
        if (request.method() == HttpMethod.HEAD) {
            response.end();
        } else if (inMemory.isPresent()) {
            response.end(Buffer.buffer(inMemory.get()));
        } else {
            response.sendFile(body.toString()).onFailure(onFailure);
        }
    }

    private String lastModified(CrlSnapshot snapshot) {
        Formatted formatted = lastModified;
        if (formatted.snapshot() != snapshot) {
            formatted = new Formatted(snapshot, HttpDates.format(snapshot.crl().thisUpdate()));
            lastModified = formatted;
        }
        return formatted.value();
    }

    private record Formatted(CrlSnapshot snapshot, String value) {
    }

    private static CrlException notPublished() {
        return new CrlException(CrlException.Kind.NOT_PUBLISHED, "no CRL has been published yet");
    }
}
