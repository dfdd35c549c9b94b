package org.stica.server.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * GET/HEAD {@code /cr/{serial}.pem}: the STI-CR chain of one certificate (RFC 9448 §7;
 * STANDARDS.md §4.4): {@code application/x-pem-file}, {@code Cache-Control: public,
 * max-age=86400} (ATIS-1000074: at least 24 h), a strong ETag and 304 on If-None-Match.
 */
public final class CertificateRepositoryHandler {
    static final String CACHE_CONTROL = "public, max-age=86400";
    private static final Pattern FILE = Pattern.compile("^([0-9a-fA-F]{1,40})\\.pem$");

    private final CertificateRepository repository;

    public CertificateRepositoryHandler(CertificateRepository repository) {
        this.repository = repository;
    }

    public void handle(RoutingContext ctx) {
        var matcher = FILE.matcher(ctx.pathParam("file"));
        if (!matcher.matches()) {
            ctx.fail(new HttpProblem(404, "notFound", "no such certificate"));
            return;
        }
        String serialHex = matcher.group(1).toLowerCase(Locale.ROOT);
        repository.chain(serialHex)
                .onSuccess(found -> found.ifPresentOrElse(
                        resource -> PemResponses.send(ctx, resource, CACHE_CONTROL),
                        () -> ctx.fail(new HttpProblem(404, "notFound", "no such certificate"))))
                .onFailure(ctx::fail);
    }
}
