package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.Map;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.token.TokenReplayGuard;

/**
 * {@link TokenReplayGuard} over {@code spc_token_use}, shared by every instance (RFC 9447 §3.3;
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
public final class PgTokenReplayGuard implements TokenReplayGuard {
    private static final String CLAIM = "INSERT INTO spc_token_use (jti, issuer, account_id,"
            + " expires_at) VALUES (#{jti}, #{issuer}, #{account}, #{expires})"
            + " ON CONFLICT (jti) DO UPDATE SET jti = EXCLUDED.jti RETURNING account_id";

    private final SqlTemplate<Map<String, Object>, RowSet<String>> claim;

    public PgTokenReplayGuard(Pool pool) {
        this.claim = SqlTemplate.forQuery(pool, CLAIM).mapTo(row -> row.getString("account_id"));
    }

    @Override
    public Future<Void> claim(String jti, String issuer, String accountId, Instant expires) {
        Map<String, Object> params = Map.of("jti", jti, "issuer", issuer, "account", accountId,
                "expires", PgTimes.toDb(expires));
        return claim.execute(params).compose(owners -> {
            if (owners.iterator().next().equals(accountId)) {
                return Future.succeededFuture();
            }
            return Future.failedFuture(new PolicyException(Violation.TOKEN_JTI_REPLAYED,
                    "this SPC token (jti) was already used by another account"));
        });
    }
}
