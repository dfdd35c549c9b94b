package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.port.StatementPart;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.server.audit.AuditOutbox;
import org.stica.server.issuance.OutboxEvent;
import org.stica.server.token.TokenUses;

/**
 * {@link TokenUses} over {@code spc_token_use}, shared by every instance (RFC 9447 §3.3;
 * STANDARDS.md §3.5.11): the first account to present a {@code jti} owns it; the same account may
 * present it again until it expires; any other account is refused with
 * {@link Violation#TOKEN_JTI_REPLAYED}.
 *
 * <p>Check and record are one autocommitted statement (one round trip, no BEGIN/COMMIT):
 * {@code ON CONFLICT (jti) DO UPDATE} waits for a concurrent inserter of the same {@code jti} to
 * commit, then locks and returns the committed row, so {@code RETURNING account_id} is always the
 * owner's account, also when the row is not yet visible to the statement's snapshot (which is why
 * {@code DO NOTHING} plus a read in the same statement would not do). The no-op update
 * ({@code jti = EXCLUDED.jti}) changes no column; it only happens when a token is presented again.
 */
public final class PgTokenReplayGuard implements TokenUses {
    private static final String CLAIM = "INSERT INTO spc_token_use (jti, issuer, account_id,"
            + " expires_at) VALUES (#{jti}, #{issuer}, #{account}, #{expires})"
            + " ON CONFLICT (jti) DO UPDATE SET jti = EXCLUDED.jti RETURNING account_id";
    /**
     * The claim and, only when the account owns the jti, the acceptance's audit event into the
     * outbox (the INSERT reads the claim's RETURNING row), and the challenge outcome's
     * {@link StatementPart} if one is given (issue 18): one statement.
     */
    private static final String CLAIM_ACCEPTED = "WITH c AS (" + CLAIM + "),"
            + " accepted AS (INSERT INTO audit_outbox (occurred_at, type, actor, subject,"
            + " details) SELECT #{at}, #{type}, #{actor}, #{jti}, (#{details}::text::jsonb"
            + " || #{attribution}::text::jsonb)::text FROM c WHERE c.account_id = #{account}"
            + " RETURNING id)";

    private final PartHostStatement claimAccepted;
    private final AuditOutbox outbox;

    /** A guard whose acceptance events wait for the next outbox drain. */
    public PgTokenReplayGuard(Pool pool) {
        this(pool, Future::succeededFuture);
    }

    /** @param outbox asked to drain after each acceptance recorded (a deferred drain) */
    public PgTokenReplayGuard(Pool pool, AuditOutbox outbox) {
        this.claimAccepted = new PartHostStatement(pool, CLAIM_ACCEPTED,
                recorded -> " SELECT account_id, " + recorded + " AS outcome FROM c");
        this.outbox = outbox;
    }

    @Override
    public Future<Void> claimAccepted(String jti, String issuer, String accountId,
                                      Instant expires, OutboxEvent accepted) {
        return claimAccepted(jti, issuer, accountId, expires, accepted, Optional.empty())
                .mapEmpty();
    }

    @Override
    public Future<Boolean> claimAccepted(String jti, String issuer, String accountId,
                                         Instant expires, OutboxEvent accepted,
                                         Optional<StatementPart> outcome) {
        Map<String, Object> params = OutboxEventParams.of(accepted);
        params.put("jti", jti);
        params.put("issuer", issuer);
        params.put("account", accountId);
        params.put("expires", PgTimes.toDb(expires));
        return owned(claimAccepted.execute(params, outcome), accountId)
                .andThen(done -> {
                    if (done.succeeded()) {
                        outbox.drain();
                    }
                });
    }

    /** Whether the outcome was recorded, once the account owns the jti; else replayed. */
    private static Future<Boolean> owned(Future<RowSet<Row>> claimed, String accountId) {
        return claimed.compose(rows -> {
            Row row = rows.iterator().next();
            if (row.getString("account_id").equals(accountId)) {
                return Future.succeededFuture(row.getLong("outcome") == 1);
            }
            return Future.failedFuture(new PolicyException(Violation.TOKEN_JTI_REPLAYED,
                    "this SPC token (jti) was already used by another account"));
        });
    }
}
