package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.jws.RequestNonce;
import org.stica.acme.model.Authz;
import org.stica.acme.model.CertificateRecord;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.Order;

/**
 * Orders (RFC 8555 §7.4) in {@code acme_order}: creation together with the authorization and
 * challenge, and the finalize transitions ready → processing → valid | invalid.
 *
 * <p>Each operation is one statement, so one round trip and no BEGIN/COMMIT: a lone UPDATE is
 * atomic on its own, and a transition of several rows is one statement of data-modifying CTEs,
 * which PostgreSQL runs in one implicit transaction (all or nothing). The CTEs all see the
 * snapshot from before the statement, so a later step is chained to an earlier one through its
 * RETURNING rows rather than by re-reading the table.
 */
public final class PgOrderStore {
    private static final String COLUMNS = AcmeRows.ORDER_COLUMNS;
    /**
     * The account's rate admitted, and only then order, authorization and challenge inserted
     * (RFC 8555 §7.4: created together; §6.6 rate limit): one statement. The rate is a generic
     * cell rate algorithm: {@code acme_order_rate} holds the account's theoretical arrival time
     * (TAT); an order is admitted while {@code max(TAT, now) + step <= now + window}
     * ({@code step = window / limit}), which stores that sum as the new TAT. So an account may
     * create {@code limit} orders at once and then one every {@code step}; refused, nothing is
     * written (the DO UPDATE's WHERE fails, the inserts read its empty RETURNING). One keyed
     * upsert instead of counting the account's orders of the last hour, whose cost grew with
     * the account's volume. Each insert reads the previous one's RETURNING rows; the TAT from
     * before the statement comes back for Retry-After.
     */
    static final String CREATE = "WITH " + FoldedNonce.CTE + ", rate AS (INSERT INTO"
            + " acme_order_rate AS r (account_id, tat) SELECT #{account}, #{now}::timestamptz"
            + " + #{step}::bigint * interval '1 microsecond' WHERE " + FoldedNonce.FIRST_USE
            + " ON CONFLICT (account_id) DO UPDATE SET tat = greatest(r.tat,"
            + " #{now}::timestamptz) + #{step}::bigint * interval '1 microsecond'"
            + " WHERE greatest(r.tat, #{now}::timestamptz) + #{step}::bigint * interval"
            + " '1 microsecond' <= #{now}::timestamptz + #{window}::bigint * interval"
            + " '1 microsecond' RETURNING tat),"
            + " o AS (INSERT INTO acme_order (" + COLUMNS + ", created_at)"
            + " SELECT #{id}::text, #{account}::text, #{status}::text, #{expires}::timestamptz,"
            + " #{value}::text, #{der}::bytea, #{spc}::text, #{notBefore}::timestamptz,"
            + " #{notAfter}::timestamptz, NULL, NULL, NULL, #{profile}::text, #{replaces}::text,"
            + " #{now}::timestamptz FROM rate RETURNING id),"
            + " a AS (INSERT INTO acme_authz (id, order_id, account_id, status, expires_at,"
            + " identifier_value, identifier_der) SELECT #{authz}::text, o.id, #{account}::text,"
            + " #{authzStatus}::text, #{authzExpires}::timestamptz, #{value}::text,"
            + " #{der}::bytea FROM o RETURNING id),"
            + " c AS (INSERT INTO acme_challenge (id, authz_id, type, token, status)"
            + " SELECT #{challenge}::text, a.id, #{type}::text, #{token}::text,"
            + " #{challengeStatus}::text FROM a RETURNING id)"
            + " SELECT (SELECT count(*) FROM o) + (SELECT count(*) FROM a)"
            + " + (SELECT count(*) FROM c) AS created,"
            + " (SELECT tat FROM acme_order_rate WHERE account_id = #{account}) AS tat, "
            + FoldedNonce.FIRST_USE + " AS nonce_first_use";
    private static final String PAGE_BY_ACCOUNT = "SELECT id FROM acme_order"
            + " WHERE account_id = #{account} ORDER BY created_at, id"
            + " LIMIT #{limit} OFFSET #{offset}";
    private static final String LIVE_REPLACEMENT = "SELECT id FROM acme_order"
            + " WHERE replaces = #{replaces} AND status <> 'invalid'";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM acme_order WHERE id = #{id}";
    /** The order and its authorizations in one round trip (one row per authorization). */
    static final String WITH_AUTHZS = "SELECT " + AcmeRows.aliased(COLUMNS, "o", "")
            + ", " + AcmeRows.aliased(AcmeRows.AUTHZ_COLUMNS, "a", "a_")
            + " FROM acme_order o LEFT JOIN acme_authz a ON a.order_id = o.id"
            + " WHERE o.id = #{id} ORDER BY a.id";
    /**
     * As {@link #WITH_AUTHZS}, recording the request's nonce as used in the same statement
     * ({@link FoldedNonce}; a client's order poll, issue 18); always one row at least, the
     * verdict's.
     */
    static final String WITH_AUTHZS_FOLDING_NONCE = "WITH " + FoldedNonce.CTE
            + " SELECT verdict.nonce_first_use, " + AcmeRows.aliased(COLUMNS, "o", "")
            + ", " + AcmeRows.aliased(AcmeRows.AUTHZ_COLUMNS, "a", "a_")
            + " FROM " + FoldedNonce.VERDICT + " LEFT JOIN (acme_order o LEFT JOIN acme_authz a"
            + " ON a.order_id = o.id) ON o.id = #{id} ORDER BY a.id";
    /**
     * Finalize's claim and read in one statement (issue 18): the account's ready, unexpired
     * order moves to processing and comes back with its authorizations (one row each). Nothing
     * when any of that does not hold (the caller then reads to say why).
     */
    static final String CLAIM_FOR_FINALIZE = "WITH " + FoldedNonce.CTE + ", o AS (UPDATE"
            + " acme_order SET status = 'processing', processing_since = now() WHERE id = #{id}"
            + " AND account_id = #{account} AND status = 'ready' AND expires_at > #{now}"
            + " AND " + FoldedNonce.FIRST_USE + " RETURNING " + COLUMNS + ")"
            + " SELECT verdict.nonce_first_use, " + AcmeRows.aliased(COLUMNS, "o", "")
            + ", " + AcmeRows.aliased(AcmeRows.AUTHZ_COLUMNS, "a", "a_")
            + " FROM " + FoldedNonce.VERDICT + " LEFT JOIN (o LEFT JOIN acme_authz a"
            + " ON a.order_id = o.id) ON true ORDER BY a.id";
    /** processing → ready: a claimed finalize that refused its request before issuing. */
    static final String BACK_TO_READY = "UPDATE acme_order SET status = 'ready',"
            + " processing_since = NULL WHERE id = #{id} AND status = 'processing'";
    /**
     * processing → valid and the certificate row, together: the INSERT reads the UPDATE's
     * RETURNING row, so no certificate is recorded unless this statement moved the order.
     */
    static final String RECORD_ISSUED = "WITH o AS (UPDATE acme_order"
            + " SET status = 'valid', certificate_id = #{certificate}, x5u = #{x5u}"
            + " WHERE id = #{order} AND status = 'processing' RETURNING " + COLUMNS + "),"
            + " c AS (INSERT INTO acme_certificate (id, order_id, account_id, serial_hex,"
            + " chain_pem, x5u, created_at) SELECT #{certificate}, o.id, #{account}::text,"
            + " #{serial}::text, #{pem}::text, #{x5u}, #{created}::timestamptz FROM o"
            + " RETURNING id)"
            + " SELECT o.*, (SELECT count(*) FROM c) AS certificates FROM o";
    private static final String MARK_INVALID = "UPDATE acme_order SET status = 'invalid',"
            + " error = #{error} WHERE id = #{id} AND status = 'processing'";

    /** How long recording an issued certificate is tried while the database is away. */
    public static final Duration RECORD_RETRY = Duration.ofSeconds(20);

    private static final RowMapper<Order> ORDER = row -> AcmeRows.order(row, "");

    private final SqlTemplate<Map<String, Object>, RowSet<Row>> create;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> pageByAccount;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> liveReplacement;
    private final SqlTemplate<Map<String, Object>, RowSet<Order>> byId;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> withAuthzs;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> withAuthzsFoldingNonce;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> claimForFinalize;
    private final SqlTemplate<Map<String, Object>, SqlResult<Void>> backToReady;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> recordIssued;
    private final SqlTemplate<Map<String, Object>, SqlResult<Void>> markInvalid;

    private final RecentCertificates recent;

    /** A store whose recorded certificates are not remembered for their download. */
    public PgOrderStore(Pool pool) {
        this(pool, new RecentCertificates(1));
    }

    /** A store that remembers each certificate it records in {@code recent}. */
    public PgOrderStore(Pool pool, RecentCertificates recent) {
        this(pool, pool, recent);
    }

    /**
     * As above; order creation, the ready → processing claim and the order's outcome (valid
     * with its certificate copy, or invalid) go through {@code asyncCommitPool} (see
     * {@code AcmeModule}): losing creation or the claim in a database crash leaves the carrier
     * to order again, and the serial reservation that follows a claim is durable and flushes
     * it. The outcome follows the CA's own durable record of the certificate (or of its
     * abandoned serial), which commits first; an outcome lost in a crash leaves the order
     * processing, and the interrupted-work sweep settles it from the CA's records, as it does
     * for an instance killed between the two statements.
     */
    public PgOrderStore(Pool pool, Pool asyncCommitPool, RecentCertificates recent) {
        this.recent = recent;
        this.create = SqlTemplate.forQuery(asyncCommitPool, CREATE);
        this.pageByAccount = SqlTemplate.forQuery(pool, PAGE_BY_ACCOUNT);
        this.liveReplacement = SqlTemplate.forQuery(pool, LIVE_REPLACEMENT);
        this.byId = SqlTemplate.forQuery(pool, BY_ID).mapTo(ORDER);
        this.withAuthzs = SqlTemplate.forQuery(pool, WITH_AUTHZS);
        this.withAuthzsFoldingNonce = SqlTemplate.forQuery(asyncCommitPool,
                WITH_AUTHZS_FOLDING_NONCE);
        this.claimForFinalize = SqlTemplate.forQuery(asyncCommitPool, CLAIM_FOR_FINALIZE);
        this.backToReady = SqlTemplate.forUpdate(asyncCommitPool, BACK_TO_READY);
        this.recordIssued = SqlTemplate.forQuery(asyncCommitPool, RECORD_ISSUED);
        this.markInvalid = SqlTemplate.forUpdate(asyncCommitPool, MARK_INVALID);
    }

    /** An order with its authorizations (what the order resource lists, RFC 8555 §7.1.3). */
    public record WithAuthzs(Order order, List<Authz> authzs) {
        public WithAuthzs {
            authzs = List.copyOf(authzs);
        }
    }

    /**
     * Stores a new pending order with its pending authorization and challenge atomically, in
     * one statement, if the account's rate admits it: at most {@code limit} orders per
     * {@code window}, as a burst or spread (see {@link #CREATE}). Refused, nothing is stored
     * and the answer says when the next order will be admitted. Fails with
     * {@link AlreadyReplacedException} when another live order replaces the same certificate
     * (RFC 9773 §5); a failed statement leaves the rate as it was.
     */
    public Future<Creation> create(Order order, Authz authz, Challenge challenge, Instant now,
                                   Duration window, long limit, RequestNonce nonce) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit needs limit >= 1 and a window");
        }
        long windowMicros = window.toNanos() / 1_000;
        long step = Math.max(1, windowMicros / limit);
        return FoldedNonce.execute(create, createParams(order, authz, challenge, now, step,
                        windowMicros), nonce)
                .recover(failure -> Future.failedFuture(UniqueViolations.is(failure)
                        ? new AlreadyReplacedException() : failure))
                .compose(rows -> creation(rows, now, Duration.ofNanos(
                        (step - windowMicros) * 1_000)));
    }

    /** The parameters of {@link #CREATE} (also run by {@link PgClaimOrderStore}). */
    static Map<String, Object> createParams(Order order, Authz authz, Challenge challenge,
                                            Instant now, long step, long windowMicros) {
        Map<String, Object> params = new HashMap<>();
        params.put("now", SqlValues.time(now));
        params.put("step", step);
        params.put("window", windowMicros);
        params.put("id", order.id());
        params.put("account", order.accountId());
        params.put("status", order.status().wire());
        params.put("expires", SqlValues.time(order.expires()));
        params.put("value", order.identifierValue());
        params.put("der", SqlValues.bytes(order.identifierDer()));
        params.put("spc", order.spc());
        params.put("notBefore", SqlValues.time(order.notBefore().orElse(null)));
        params.put("notAfter", SqlValues.time(order.notAfter().orElse(null)));
        params.put("profile", order.profile());
        params.put("replaces", order.replaces().orElse(null));
        params.put("authz", authz.id());
        params.put("authzStatus", authz.status().wire());
        params.put("authzExpires", SqlValues.time(authz.expires()));
        params.put("challenge", challenge.id());
        params.put("type", Challenge.TYPE);
        params.put("token", challenge.token());
        params.put("challengeStatus", challenge.status().wire());
        return params;
    }

    static Future<Creation> creation(RowSet<Row> rows, Instant now, Duration lag) {
        Row row = rows.iterator().next();
        long created = row.getLong("created");
        if (created != 0 && created != 3) {
            return Future.failedFuture(new IllegalStateException("order half created"));
        }
        // refused: admitted again once max(TAT, now) + step <= now + window
        Instant admitted = created == 3 ? now : SqlValues.optionalInstant(row, "tat")
                .map(tat -> tat.plus(lag)).filter(now::isBefore).orElse(now);
        return Future.succeededFuture(new Creation(created == 3, admitted));
    }

    /** One page of an account's order ids, oldest first (RFC 8555 §7.1.2.1). */
    public Future<List<String>> pageByAccount(String accountId, int offset, int limit) {
        return pageByAccount.execute(Map.of("account", accountId, "offset", offset,
                        "limit", limit))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("id")));
                    return ids;
                });
    }

    /** Whether an order that is not invalid already replaces {@code certId} (RFC 9773 §5). */
    public Future<Boolean> isReplaced(String certId) {
        return liveReplacement.execute(Map.of("replaces", certId)).map(rows -> rows.size() > 0);
    }

    /**
     * Whether {@link #create} stored the order and, refused, the earliest instant the account's
     * rate admits another (as of the statement's snapshot; {@code now} when created).
     */
    public record Creation(boolean created, Instant admittedAt) {
    }

    public Future<Optional<Order>> findById(String id) {
        return byId.execute(Map.of("id", id))
                .map(rows -> rows.size() == 0 ? Optional.<Order>empty()
                        : Optional.of(rows.iterator().next()));
    }

    /** The order with its authorizations (ordered by id), in one query; empty when unknown. */
    public Future<Optional<WithAuthzs>> findWithAuthzs(String id) {
        return withAuthzs.execute(Map.of("id", id)).map(PgOrderStore::withAuthzs);
    }

    /**
     * As {@link #findWithAuthzs(String)}, recording {@code nonce} as used in the same statement
     * (on the async-commit pool); fails with badNonce when it was used before.
     */
    public Future<Optional<WithAuthzs>> findWithAuthzs(String id, RequestNonce nonce) {
        return FoldedNonce.execute(withAuthzsFoldingNonce, Map.of("id", id), nonce)
                .map(PgOrderStore::withAuthzs);
    }

    /**
     * The account's ready, unexpired order moved to processing, with its authorizations, in one
     * statement ({@link #CLAIM_FOR_FINALIZE}) that also records the request's nonce as used
     * ({@link FoldedNonce}); empty, changing nothing, when it is unknown, of another account,
     * not ready or expired. Fails with badNonce, changing nothing, when the nonce was used.
     */
    public Future<Optional<WithAuthzs>> claimForFinalize(String id, String accountId,
                                                         Instant now, RequestNonce nonce) {
        return FoldedNonce.execute(claimForFinalize, Map.of("id", id, "account", accountId,
                "now", SqlValues.time(now)), nonce).map(PgOrderStore::withAuthzs);
    }

    /** processing → ready again (a claimed finalize refused its request before issuing). */
    public Future<Void> backToReady(String id) {
        return backToReady.execute(Map.of("id", id)).mapEmpty();
    }

    private static Optional<WithAuthzs> withAuthzs(RowSet<Row> rows) {
        Order order = null;
        List<Authz> authzs = new ArrayList<>();
        for (Row row : rows) {
            if (!AcmeRows.present(row, "")) {
                continue;   // the verdict row alone: nothing claimed, or no such order
            }
            if (order == null) {
                order = AcmeRows.order(row, "");
            }
            if (AcmeRows.present(row, "a_")) {
                authzs.add(AcmeRows.authz(row, "a_"));
            }
        }
        return Optional.ofNullable(order).map(found -> new WithAuthzs(found, authzs));
    }

    /**
     * Records the certificate and moves processing → valid, atomically in one statement;
     * returns the order as it now is, and remembers the certificate for its download. Fails,
     * recording nothing, unless the order was processing. While the database is away the
     * statement is tried again for up to {@link #RECORD_RETRY} (issue 14: the certificate
     * exists, so its order must say so); a try that committed unseen, or the CA's statement
     * that recorded the order with this certificate ({@link IssuedOrderSql}) while its answer
     * was lost, is recognised by the order already holding this certificate.
     */
    public Future<Order> recordIssued(CertificateRecord cert) {
        return recordIssuedOnce(cert).recover(first -> TransientFailures.isTransient(first)
                ? TransientFailures.retry(() -> recordIssuedOnce(cert)
                        .recover(failure -> committedUnseen(cert, failure)), RECORD_RETRY)
                : committedUnseen(cert, first));
    }

    /**
     * Remembers a certificate whose order the CA's own statement recorded valid
     * ({@link IssuedOrderSql}), for its download.
     */
    public void remember(CertificateRecord cert) {
        recent.remember(cert);
    }

    /** The order as recorded when an earlier try committed {@code cert}; else the failure. */
    private Future<Order> committedUnseen(CertificateRecord cert, Throwable failure) {
        if (!(failure instanceof IllegalStateException)) {
            return Future.failedFuture(failure);
        }
        return findById(cert.orderId()).compose(found -> found
                .filter(order -> order.certificateId().equals(Optional.of(cert.id())))
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(failure)));
    }

    private Future<Order> recordIssuedOnce(CertificateRecord cert) {
        Map<String, Object> params = new HashMap<>();
        params.put("certificate", cert.id());
        params.put("order", cert.orderId());
        params.put("account", cert.accountId());
        params.put("serial", cert.serialHex());
        params.put("pem", cert.chainPem());
        params.put("x5u", cert.x5u());
        params.put("created", SqlValues.time(cert.createdAt()));
        return recordIssued.execute(params).compose(rows -> {
            if (rows.size() != 1 || rows.iterator().next().getLong("certificates") != 1) {
                return Future.failedFuture(
                        new IllegalStateException("illegal transition: order not processing"));
            }
            recent.remember(cert);
            return Future.succeededFuture(AcmeRows.order(rows.iterator().next(), ""));
        });
    }

    /**
     * processing → invalid with the problem document that explains why (one UPDATE); true when
     * this call moved the order, false when it was no longer processing.
     */
    public Future<Boolean> recordFailed(String id, String errorJson) {
        return markInvalid.execute(Map.of("id", id, "error", errorJson))
                .map(result -> result.rowCount() == 1);
    }
}
