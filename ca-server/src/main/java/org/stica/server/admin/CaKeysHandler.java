package org.stica.server.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import org.stica.server.ca.CaKeyRecord;
import org.stica.server.http.HttpProblem;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * {@code GET /admin/v1/ca/keys}: the CA's keys and certificates (alias, role, subject, serial,
 * validity, status). Intermediate rollover and CA key revocation answer an explicit 501 problem:
 * they are not implemented yet (fail closed, never a silent success).
 */
public final class CaKeysHandler {
    private final PgCaKeyStore keys;
    private final Clock clock;

    public CaKeysHandler(PgCaKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public void list(RoutingContext ctx) {
        Instant now = clock.instant();
        keys.all().onSuccess(all -> JsonReply.send(ctx, 200, new JsonObject().put("items",
                new JsonArray(all.stream().map(k -> json(k, now)).toList()))))
                .onFailure(ctx::fail);
    }

    /** Rollover and CA key revocation: not implemented (501). */
    public void notImplemented(RoutingContext ctx) {
        ctx.fail(new HttpProblem(501, "notImplemented", ctx.request().method().name() + " "
                + ctx.request().path() + " is not implemented yet"));
    }

    private static JsonObject json(CaKeyRecord key, Instant now) {
        X509Certificate c = key.certificate();
        boolean valid = !now.isBefore(c.getNotBefore().toInstant())
                && now.isBefore(c.getNotAfter().toInstant());
        return new JsonObject().put("alias", key.alias()).put("role", key.role().dbValue())
                .put("subject", c.getSubjectX500Principal().getName())
                .put("serial", c.getSerialNumber().toString(16))
                .put("notBefore", c.getNotBefore().toInstant().toString())
                .put("notAfter", c.getNotAfter().toInstant().toString())
                .put("status", valid ? "active" : "expired");
    }
}
