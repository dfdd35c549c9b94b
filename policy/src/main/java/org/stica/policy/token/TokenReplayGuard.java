package org.stica.policy.token;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Port: remembers SPC token {@code jti}s (RFC 9447 §3.3, STANDARDS.md §3.5.11). The same account
 * may present the same token again until it expires; the same {@code jti} from another account is
 * refused. Implemented by ca-server over PostgreSQL so several instances share it.
 */
public interface TokenReplayGuard {

    /**
     * Records that {@code accountId} presented the token {@code jti} (issued by {@code issuer},
     * valid until {@code expires}). Fails with a {@link org.stica.policy.PolicyException} of
     * {@link org.stica.policy.Violation#TOKEN_JTI_REPLAYED} when another account presented it
     * first.
     */
    Future<Void> claim(String jti, String issuer, String accountId, Instant expires);
}
