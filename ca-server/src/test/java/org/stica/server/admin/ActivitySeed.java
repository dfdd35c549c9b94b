package org.stica.server.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.store.pg.PgAuditLog;

/**
 * Seeds what the activity report counts, at chosen times: {@code certificate} rows in a given
 * status and SPC token decisions in the audit chain (appended through {@link PgAuditLog}, so the
 * chain stays whole).
 */
public final class ActivitySeed {
    private static final String CERTIFICATE = "INSERT INTO certificate (serial, issuer_alias,"
            + " status, spc, tbs_sha256, der, not_before, not_after, revoked_at,"
            + " revocation_reason, resolved_at) VALUES ($1, $2, $3, '1234', '\\x00',"
            + " CASE WHEN $3 IN ('issued', 'revoked') THEN '\\x30'::bytea END, $4, $4,"
            + " CASE WHEN $3 = 'revoked' THEN $4 END, CASE WHEN $3 = 'revoked' THEN 1 END,"
            + " CASE WHEN $3 <> 'reserved' THEN $4 END)";
    private static final AtomicLong SERIALS = new AtomicLong(0xa0000);

    private final Pool pool;
    private final String issuer;

    /** @param issuer an alias in {@code ca_key} */
    public ActivitySeed(Pool pool, String issuer) {
        this.pool = pool;
        this.issuer = issuer;
    }

    /** A certificate row in {@code status}, resolved (issued, abandoned) at {@code at}. */
    public void certificate(String status, Instant at) {
        pool.preparedQuery(CERTIFICATE).execute(Tuple.of(Long.toHexString(
                SERIALS.incrementAndGet()), issuer, status, at.atOffset(ZoneOffset.UTC)))
                .await();
    }

    /** An {@code spc-token.refused} audit record for {@code reason} at {@code at}. */
    public void refusal(String reason, Instant at) {
        decision("spc-token.refused", new JsonObject().put("reason", reason)
                .put("detail", "seeded"), at);
    }

    /** An audit record of {@code type} at {@code at}. */
    public void decision(String type, JsonObject details, Instant at) {
        new PgAuditLog(pool, Clock.fixed(at, ZoneOffset.UTC))
                .record(new AuditEvent(type, "acct-seeded", "spc-token", details)).await();
    }
}
