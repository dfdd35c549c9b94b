package org.stica.server.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.trace.RequestScope;

/**
 * One INFO line per HTTP request on the {@value #LOGGER} logger, when the response has ended:
 * method, path (never the query string, which may carry secrets), status and duration, e.g.
 * {@code GET /crl/shaken.crl 200 3 ms}; the request id is in the record's MDC like in every
 * other record of the request. The same fields go into the record's key-value pairs
 * ({@code method}, {@code path}, {@code status}, {@code durationMs}) for the JSON format. A
 * response cut short by a closed connection has status {@code -}. Off with
 * {@code http.accessLog=false}.
 */
public final class AccessLog {
    /** The logger name, to route or silence access lines in a logback configuration. */
    public static final String LOGGER = "stica.access";
    /** Longer paths are cut (with an ellipsis), so a client cannot write huge log lines. */
    static final int MAX_PATH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final boolean enabled;

    public AccessLog(boolean enabled) {
        this.enabled = enabled;
    }

    /** Writes the line of {@code request}, whose response has just ended. */
    public void record(HttpServerRequest request, RequestScope scope) {
        if (!enabled || !LOG.isInfoEnabled()) {
            return;
        }
        HttpServerResponse response = request.response();
        Object status = response.ended() ? response.getStatusCode() : "-";
        long millis = scope.elapsed(System.nanoTime()).toMillis();
        String method = request.method().name();
        String path = shortened(request.path());
        LOG.atInfo().addKeyValue("method", method).addKeyValue("path", path)
                .addKeyValue("status", status).addKeyValue("durationMs", millis)
                .log("{} {} {} {} ms", method, path, status, millis);
    }

    private static String shortened(String path) {
        if (path == null) {
            return "-";
        }
        return path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH) + "…";
    }
}
