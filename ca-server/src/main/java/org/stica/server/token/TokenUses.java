package org.stica.server.token;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import org.stica.acme.port.StatementPart;
import org.stica.server.issuance.OutboxEvent;

/**
 * The token {@code jti} bookkeeping of {@link TokenValidationService} (RFC 9447 §3.3,
 * STANDARDS.md §3.5.11), shared by every instance: the first account to present a {@code jti}
 * owns it; the same account may present the token again until it expires; any other account is
 * refused. The acceptance's audit event is written with the claim, atomically (ARCHITECTURE.md §5
 * item 1), instead of being appended after it (issue 18: one round trip fewer per challenge, and
 * no acceptance without its record). Implemented over PostgreSQL by
 * {@link org.stica.server.store.pg.PgTokenReplayGuard}.
 */
@FunctionalInterface
public interface TokenUses {
    /**
     * Claims {@code jti} for {@code accountId} and records {@code accepted} (subject: the jti)
     * in the same statement; fails with {@code TOKEN_JTI_REPLAYED}, recording nothing, when
     * another account presented it first.
     */
    Future<Void> claimAccepted(String jti, String issuer, String accountId, Instant expires,
                               OutboxEvent accepted);

    /**
     * As {@link #claimAccepted}, and when the account owns the jti also runs {@code outcome} (the
     * ACME side's record of the challenge made valid, issue 18) in the same statement, after a
     * CTE named {@code accepted} that returns a row iff the account owns it; true when the
     * outcome recorded something. This default runs no outcome.
     */
    default Future<Boolean> claimAccepted(String jti, String issuer, String accountId,
                                          Instant expires, OutboxEvent accepted,
                                          Optional<StatementPart> outcome) {
        return claimAccepted(jti, issuer, accountId, expires, accepted).map(false);
    }
}
