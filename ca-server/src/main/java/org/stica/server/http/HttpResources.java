package org.stica.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a published file held in memory (RFC 9110): the body with its Content-Type, a strong
 * ETag, Last-Modified and Cache-Control; 304 Not Modified when If-None-Match matches (or, without
 * it, when If-Modified-Since is not before Last-Modified, §13.1.3); HEAD gets the headers only.
 */
public final class HttpResources {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpResources() {
    }

    /** Sends {@code body} (or 304, or headers only for HEAD). */
    public static void send(RoutingContext ctx, byte[] body, String contentType, String etag,
                            Instant lastModified, String cacheControl) {
        send(ctx.request(), body, contentType, etag, lastModified, cacheControl);
    }

    /** As {@link #send(RoutingContext, byte[], String, String, Instant, String)}, routerless. */
    public static void send(HttpServerRequest request, byte[] body, String contentType,
                            String etag, Instant lastModified, String cacheControl) {
        send(request, body, contentType, etag, lastModified, httpDate(lastModified),
                cacheControl);
    }

    /** As above with {@code lastModified} already formatted ({@link #httpDate(Instant)}). */
    public static void send(HttpServerRequest request, byte[] body, String contentType,
                            String etag, Instant lastModified, String lastModifiedHeader,
                            String cacheControl) {
        HttpServerResponse response = request.response()
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.LAST_MODIFIED, lastModifiedHeader)
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH),
                request.getHeader(HttpHeaders.IF_MODIFIED_SINCE), etag, lastModified)) {
            response.setStatusCode(304).end();
            return;
        }
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
        if (request.method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }

    /** {@code instant} as an HTTP date (RFC 9110 §5.6.7 IMF-fixdate). */
    public static String httpDate(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** RFC 9110 §13.1.2 (weak comparison, "*") and §13.1.3 (only without If-None-Match). */
    static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag,
                               Instant lastModified) {
        if (ifNoneMatch != null) {
            String opaque = opaque(etag);
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*") || (!tag.isEmpty() && opaque(tag).equals(opaque))) {
                    return true;
                }
            }
            return false;
        }
        return parse(ifModifiedSince)
                .map(since -> !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since))
                .orElse(false);
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(),
                    DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
