package org.stica.server.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import org.stica.server.ca.CaKeyRecord;
import org.stica.server.ca.CaKeyRole;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * {@code GET /admin/v1/ca/keys}: the CA's keys and certificates (alias, role, subject, serial,
 * validity, status; for intermediates whether it is the one issuing new certificates, the newest
 * after a rollover). Rollover and CA key revocation have their own handlers
 * ({@link IntermediateRolloverHandler}, {@link CaKeyRevocationHandler}).
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
        keys.all().onSuccess(all -> {
            String issuing = all.stream().filter(k -> k.role() == CaKeyRole.INTERMEDIATE)
                    .reduce((first, second) -> second).map(CaKeyRecord::alias).orElse("");
            JsonReply.send(ctx, 200, new JsonObject().put("items", new JsonArray(all.stream()
                    .map(k -> json(k, now, issuing)).toList())));
        }).onFailure(ctx::fail);
    }

    private static JsonObject json(CaKeyRecord key, Instant now, String issuing) {
        X509Certificate c = key.certificate();
        boolean valid = !now.isBefore(c.getNotBefore().toInstant())
                && now.isBefore(c.getNotAfter().toInstant());
        return new JsonObject().put("alias", key.alias()).put("role", key.role().dbValue())
                .put("subject", c.getSubjectX500Principal().getName())
                .put("serial", c.getSerialNumber().toString(16))
                .put("notBefore", c.getNotBefore().toInstant().toString())
                .put("notAfter", c.getNotAfter().toInstant().toString())
                .put("status", valid ? "active" : "expired")
                .put("issuing", key.alias().equals(issuing));
    }
}
