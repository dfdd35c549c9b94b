package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.jws.RequestNonce;
import org.stica.acme.model.Authz;
import org.stica.acme.model.Challenge;

/**
 * Authorizations (RFC 8555 §7.5) in {@code acme_authz}, and their deactivation (§7.5.2). An
 * authorization is read together with its challenges in one query; deactivation moves the
 * authorization and its open order in one statement (data-modifying CTEs, one implicit
 * transaction).
 */
public final class PgAuthzStore {
    /** The authorization and its challenges in one round trip (one row per challenge). */
    static final String WITH_CHALLENGES = "SELECT "
            + AcmeRows.aliased(AcmeRows.AUTHZ_COLUMNS, "a", "") + ", "
            + AcmeRows.aliased(AcmeRows.CHALLENGE_COLUMNS, "c", "c_")
            + " FROM acme_authz a LEFT JOIN acme_challenge c ON c.authz_id = a.id"
            + " WHERE a.id = #{id} ORDER BY c.id";
    /**
     * As {@link #WITH_CHALLENGES}, recording the request's nonce as used in the same statement
     * ({@link FoldedNonce}); always one row at least, the verdict's.
     */
    static final String WITH_CHALLENGES_FOLDING_NONCE = "WITH " + FoldedNonce.CTE
            + " SELECT verdict.nonce_first_use, "
            + AcmeRows.aliased(AcmeRows.AUTHZ_COLUMNS, "a", "") + ", "
            + AcmeRows.aliased(AcmeRows.CHALLENGE_COLUMNS, "c", "c_")
            + " FROM " + FoldedNonce.VERDICT + " LEFT JOIN (acme_authz a LEFT JOIN"
            + " acme_challenge c ON c.authz_id = a.id) ON a.id = #{id} ORDER BY c.id";
    /**
     * pending|valid → deactivated, and only if that happened its order pending|ready → invalid
     * (RFC 8555 §7.1.6); returns how many authorizations were deactivated (0 or 1), and how many
     * orders that made invalid (0 or 1: the order may have been final already).
     */
    static final String DEACTIVATE = "WITH d AS (UPDATE acme_authz"
            + " SET status = 'deactivated' WHERE id = #{id} AND status IN ('pending', 'valid')"
            + " AND expires_at > #{now} RETURNING order_id),"
            + " o AS (UPDATE acme_order SET status = 'invalid' WHERE id = #{order}"
            + " AND EXISTS (SELECT 1 FROM d) AND status IN ('pending', 'ready') RETURNING id)"
            + " SELECT (SELECT count(*) FROM d) AS n, (SELECT count(*) FROM o) AS orders";
    private static final String VALID_FOR = "SELECT 1 FROM acme_authz WHERE account_id = #{account}"
            + " AND identifier_der = #{der} AND status = 'valid' AND expires_at > #{now} LIMIT 1";

    private final SqlTemplate<Map<String, Object>, RowSet<Row>> withChallenges;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> withChallengesFoldingNonce;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> deactivate;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> validFor;

    /** Every statement on {@code pool}. */
    public PgAuthzStore(Pool pool) {
        this(pool, pool);
    }

    /**
     * As above, the read that records a nonce on {@code asyncCommitPool}: losing a nonce's
     * record in a database crash lets it be used once more, as every nonce redemption on that
     * pool (README "Performance"), and a durable commit would make the read wait for the WAL.
     */
    public PgAuthzStore(Pool pool, Pool asyncCommitPool) {
        this.withChallenges = SqlTemplate.forQuery(pool, WITH_CHALLENGES);
        this.withChallengesFoldingNonce = SqlTemplate.forQuery(asyncCommitPool,
                WITH_CHALLENGES_FOLDING_NONCE);
        this.deactivate = SqlTemplate.forQuery(pool, DEACTIVATE);
        this.validFor = SqlTemplate.forQuery(pool, VALID_FOR);
    }

    /** An authorization with its challenges (RFC 8555 §7.1.4). */
    public record WithChallenges(Authz authz, List<Challenge> challenges) {
        public WithChallenges {
            challenges = List.copyOf(challenges);
        }
    }

    /** The authorization with its challenges (ordered by id), in one query; empty if unknown. */
    public Future<Optional<WithChallenges>> findWithChallenges(String id) {
        return withChallenges.execute(Map.of("id", id)).map(PgAuthzStore::withChallenges);
    }

    /**
     * As {@link #findWithChallenges(String)}, recording {@code nonce} as used in the same
     * statement; fails with badNonce when it was used before.
     */
    public Future<Optional<WithChallenges>> findWithChallenges(String id, RequestNonce nonce) {
        return FoldedNonce.execute(withChallengesFoldingNonce, Map.of("id", id), nonce)
                .map(PgAuthzStore::withChallenges);
    }

    private static Optional<WithChallenges> withChallenges(RowSet<Row> rows) {
        Authz authz = null;
        List<Challenge> challenges = new ArrayList<>();
        for (Row row : rows) {
            if (!AcmeRows.present(row, "")) {
                continue;   // the verdict row alone: no such authorization
            }
            if (authz == null) {
                authz = AcmeRows.authz(row, "");
            }
            if (AcmeRows.present(row, "c_")) {
                challenges.add(AcmeRows.challenge(row, "c_"));
            }
        }
        return Optional.ofNullable(authz).map(found -> new WithChallenges(found, challenges));
    }

    /**
     * Whether {@code accountId} holds a valid, unexpired authorization for the identifier whose
     * DER is {@code identifierDer} (RFC 8555 §7.6: such an account may revoke).
     */
    public Future<Boolean> holdsValid(String accountId, byte[] identifierDer, Instant now) {
        return validFor.execute(Map.of("account", accountId,
                        "der", SqlValues.bytes(identifierDer), "now", SqlValues.time(now)))
                .map(rows -> rows.size() > 0);
    }

    /** What a deactivation changed: the authorization, and whether its order became invalid. */
    public record Deactivation(boolean deactivated, boolean orderInvalidated) {
    }

    /**
     * pending|valid → deactivated, and its open order → invalid (RFC 8555 §7.1.6), in one
     * statement; nothing deactivated when the authorization was in no state that allows it.
     */
    public Future<Deactivation> deactivate(Authz authz, Instant now) {
        return deactivate.execute(Map.of("id", authz.id(), "order", authz.orderId(),
                        "now", SqlValues.time(now)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Deactivation(row.getLong("n") == 1, row.getLong("orders") == 1);
                });
    }
}
