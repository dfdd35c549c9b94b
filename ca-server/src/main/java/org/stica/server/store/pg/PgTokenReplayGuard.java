package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
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
 */
public final class PgTokenReplayGuard implements TokenReplayGuard {
    private static final String CLAIM = "INSERT INTO spc_token_use (jti, issuer, account_id,"
            + " expires_at) VALUES (#{jti}, #{issuer}, #{account}, #{expires})"
            + " ON CONFLICT (jti) DO NOTHING";
    private static final String OWNER = "SELECT account_id FROM spc_token_use WHERE jti = #{jti}";

    private final Pool pool;

    public PgTokenReplayGuard(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> claim(String jti, String issuer, String accountId, Instant expires) {
        Map<String, Object> params = Map.of("jti", jti, "issuer", issuer, "account", accountId,
                "expires", PgTimes.toDb(expires));
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, CLAIM).execute(params)
                        .compose(inserted -> SqlTemplate.forQuery(c, OWNER)
                                .execute(Map.of("jti", jti))))
                .compose(rows -> {
                    String owner = rows.iterator().next().getString("account_id");
                    if (owner.equals(accountId)) {
                        return Future.succeededFuture();
                    }
                    return Future.failedFuture(new PolicyException(Violation.TOKEN_JTI_REPLAYED,
                            "this SPC token (jti) was already used by another account"));
                });
    }
}
