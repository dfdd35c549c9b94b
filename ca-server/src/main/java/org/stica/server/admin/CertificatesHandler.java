package org.stica.server.admin;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.stica.server.http.HttpProblem;

/**
 * {@code GET /admin/v1/certificates?spc=&serial=&status=&offset=&limit=} and
 * {@code GET /admin/v1/certificates/{serial}}: certificates this CA reserved, issued or revoked.
 */
public final class CertificatesHandler {
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]{1,40}$");
    private static final Pattern SPC = Pattern.compile("^[A-Za-z0-9]{1,16}$");
    private static final int DEFAULT_LIMIT = 50;

    private final CertificateSearch search;

    public CertificatesHandler(CertificateSearch search) {
        this.search = search;
    }

    public void list(RoutingContext ctx) {
        CertificateQuery query = query(ctx.queryParams());
        search.search(query).onSuccess(items -> {
            JsonObject body = new JsonObject().put("items", new JsonArray(items));
            if (items.size() == query.limit()) {
                body.put("nextOffset", query.offset() + query.limit());
            }
            JsonReply.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    public void one(RoutingContext ctx) {
        String serial = ctx.pathParam("serial");
        if (!HEX.matcher(serial).matches()) {
            throw new HttpProblem(400, "malformed", "serial must be hexadecimal");
        }
        String hex = serial.toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
        search.search(new CertificateQuery(Optional.empty(), Optional.of(hex), Optional.empty(),
                        0, 50))
                .map(items -> items.stream().filter(c -> hex.equals(c.getString("serial")))
                        .findFirst().orElseThrow(() -> new HttpProblem(404, "notFound",
                                "no certificate with serial " + hex)))
                .onSuccess(c -> JsonReply.send(ctx, 200, c)).onFailure(ctx::fail);
    }

    static CertificateQuery query(MultiMap params) {
        Optional<String> spc = text(params, "spc");
        if (spc.isPresent() && !SPC.matcher(spc.get()).matches()) {
            throw new HttpProblem(400, "malformed", "spc must be 1-16 letters or digits");
        }
        Optional<String> serial = text(params, "serial").map(s -> s.toLowerCase(Locale.ROOT));
        if (serial.isPresent() && !HEX.matcher(serial.get()).matches()) {
            throw new HttpProblem(400, "malformed", "serial must be hexadecimal");
        }
        Optional<String> status = text(params, "status");
        if (status.isPresent() && !status.get().matches("^(reserved|issued|revoked|abandoned)$")) {
            throw new HttpProblem(400, "malformed",
                    "status must be reserved, issued, revoked or abandoned");
        }
        int limit = number(params, "limit", DEFAULT_LIMIT);
        int offset = number(params, "offset", 0);
        if (limit < 1 || limit > CertificateQuery.MAX_LIMIT || offset < 0) {
            throw new HttpProblem(400, "malformed", "limit must be 1-"
                    + CertificateQuery.MAX_LIMIT + " and offset not negative");
        }
        return new CertificateQuery(spc, serial, status, offset, limit);
    }

    private static Optional<String> text(MultiMap params, String name) {
        return Optional.ofNullable(params.get(name)).filter(s -> !s.isEmpty());
    }

    private static int number(MultiMap params, String name, int fallback) {
        try {
            return text(params, name).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new HttpProblem(400, "malformed", name + " must be an integer");
        }
    }
}
