package org.stica.server.token;

import io.vertx.core.Future;
import java.time.Instant;
import org.stica.server.issuance.OutboxEvent;

/**
 * The token {@code jti} bookkeeping of {@link TokenValidationService} (RFC 9447 §3.3): as
 * {@link org.stica.policy.token.TokenReplayGuard#claim}, and the acceptance's audit event is
 * written with the claim, atomically (ARCHITECTURE.md §5 item 1), instead of being appended after
 * it (issue 18: one round trip fewer per challenge, and no acceptance without its record).
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
}
