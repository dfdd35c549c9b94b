package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.stica.acme.port.StatementPart;
import org.stica.server.audit.RequestAttribution;
import org.stica.server.issuance.CertificateRecord;
import org.stica.server.issuance.CertificateReservation;
import org.stica.server.issuance.CertificateStatus;
import org.stica.server.issuance.OutboxEvent;
import org.stica.server.issuance.RevokedRow;
import org.stica.server.notify.NewDelivery;

/**
 * SQL for the {@code certificate} table: reserve a serial (committed before signing), record the
 * signed DER with its audit event, abandon a reservation whose certificate was not delivered
 * (one serial, or the stale ones after a crash), look up, revoke, and list revoked unexpired
 * certificates for the CRL. The issuance outcomes write their audit event into
 * {@code audit_outbox} in the same statement (ARCHITECTURE.md §5 item 1), with the id of the
 * HTTP request they were made for, if any, among the details ({@link RequestAttribution}).
 *
 * <p>Every call on the issuance path is one autocommitted statement (no BEGIN/COMMIT round
 * trips): the reservation also refuses an issuer whose CA key is in {@code ca_key_revocation}
 * (issue 5), read in the same statement so a revocation committed by any instance stops the next
 * reservation. Templates are built once per store, not per call.
 */
public final class PgCertificateStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String RESERVE = "INSERT INTO certificate (serial, issuer_alias, status,"
            + " account_id, order_id, spc, tbs_sha256, not_before, not_after) SELECT #{serial},"
            + " #{issuer}, 'reserved', #{account}, #{order}, #{spc}, #{tbs}, #{notBefore},"
            + " #{notAfter} WHERE NOT EXISTS (SELECT 1 FROM ca_key_revocation"
            + " WHERE alias = #{issuer})";
    /**
     * reserved → issued with the DER and, in the same statement, the issuance's audit event into
     * the outbox (ARCHITECTURE.md §5 item 1): the certificate is recorded iff its event is. The
     * same statement queues the {@code certificate.issued} webhook notice when the subscriber
     * holding the SPC has a webhook (issue 15): the notice exists iff the certificate does, and
     * costs no round trip of its own (issue 18). Its body has the fields and order of
     * {@code NewDelivery} ({@code json_build_object} keeps the order). And it runs the ACME
     * order's record when one is given (a {@link StatementPart}, after the {@code issued} CTE):
     * the order is valid exactly when its certificate is recorded, and the order's outcome costs
     * no statement and no commit of its own (issue 18).
     */
    private static final String RECORD_ISSUED = "WITH issued AS (UPDATE certificate"
            + " SET status = 'issued', der = #{der}, resolved_at = #{at}"
            + " WHERE serial = #{serial} AND status = 'reserved' RETURNING serial, spc),"
            + " notice AS (INSERT INTO webhook_delivery (id, subscriber_id, event_type, payload,"
            + " status, attempts, next_attempt_at, created_at) SELECT #{noticeId}::text,"
            + " e.subscriber_id, #{type}::text, json_build_object('id', #{noticeId}::text,"
            + " 'type', #{type}::text, 'createdAt', #{noticeCreated}::text, 'subscriberId',"
            + " e.subscriber_id, 'data', #{notice}::text::json)::text, 'pending', 0, #{at}, #{at}"
            + " FROM issued JOIN subscriber_spc h ON h.spc = issued.spc"
            + " JOIN webhook_endpoint e ON e.subscriber_id = h.subscriber_id"
            + " WHERE #{notice}::text IS NOT NULL),"
            + " event AS (INSERT INTO audit_outbox (occurred_at, type, actor, subject, details)"
            + " SELECT #{at}, #{type}, #{actor}, serial, (#{details}::text::jsonb"
            + " || #{attribution}::text::jsonb)::text FROM issued RETURNING id)";
    /** The audit event of a resolution to 'abandoned', built from the reserved row. */
    private static final String ABANDONED_EVENT = " INSERT INTO audit_outbox (occurred_at, type,"
            + " actor, subject, details) SELECT #{at}, 'certificate.reservation-abandoned',"
            + " 'system', serial, (json_build_object('reason', #{reason}::text, 'spc', spc,"
            + " 'account', account_id, 'order', order_id, 'issuer', issuer_alias,"
            + " 'tbsSha256', encode(tbs_sha256, 'hex'), 'reservedAt', created_at)::jsonb"
            + " || #{attribution}::text::jsonb)::text FROM abandoned RETURNING subject";
    /** reserved → abandoned for one serial whose certificate was not delivered, audited. */
    private static final String ABANDON = "WITH abandoned AS (UPDATE certificate"
            + " SET status = 'abandoned', resolved_at = #{at}"
            + " WHERE serial = #{serial} AND status = 'reserved' RETURNING *)" + ABANDONED_EVENT;
    /**
     * reserved → abandoned for reservations older than the bound of one issuance (the instance
     * that made them died or lost its database), a batch at a time, audited. SKIP LOCKED: two
     * instances sweeping at once take different rows.
     */
    private static final String ABANDON_STALE = "WITH stale AS (SELECT serial FROM certificate"
            + " WHERE status = 'reserved' AND created_at < now() - make_interval(secs =>"
            + " #{seconds}) ORDER BY created_at LIMIT #{limit} FOR UPDATE SKIP LOCKED),"
            + " abandoned AS (UPDATE certificate c SET status = 'abandoned', resolved_at = #{at}"
            + " FROM stale WHERE c.serial = stale.serial AND c.status = 'reserved'"
            + " RETURNING c.*)" + ABANDONED_EVENT;
    private static final String OF_ORDER = "SELECT serial, issuer_alias, status, account_id, spc,"
            + " der, not_before, not_after, revoked_at, revocation_reason FROM certificate"
            + " WHERE order_id = #{order} ORDER BY created_at DESC";
    private static final String FIND = "SELECT serial, issuer_alias, status, account_id, spc, der,"
            + " not_before, not_after, revoked_at, revocation_reason FROM certificate"
            + " WHERE serial = #{serial}";
    /** issued → revoked with its {@code certificate.revoked} audit event, in one statement. */
    private static final String REVOKE = "WITH revoked AS (UPDATE certificate"
            + " SET status = 'revoked', revoked_at = #{revokedAt}, revocation_reason = #{reason},"
            + " revoked_by = #{revokedBy} WHERE serial = #{serial} AND status = 'issued'"
            + " RETURNING serial) INSERT INTO audit_outbox (occurred_at, type, actor, subject,"
            + " details) SELECT #{revokedAt}, 'certificate.revoked', #{revokedBy}, serial,"
            + " (json_build_object('reason', #{reason}, 'at', #{at}::text)::jsonb"
            + " || #{attribution}::text::jsonb)::text FROM revoked";
    /**
     * As {@link #REVOKE}, and under the STI-PA the revocation is queued for reporting to it
     * ({@code revocation_report}, issue 20) by the same statement.
     */
    private static final String REVOKE_REPORTED = "WITH revoked AS (UPDATE certificate"
            + " SET status = 'revoked', revoked_at = #{revokedAt}, revocation_reason = #{reason},"
            + " revoked_by = #{revokedBy} WHERE serial = #{serial} AND status = 'issued'"
            + " RETURNING serial, issuer_alias, der), reported AS (INSERT INTO revocation_report"
            + " (serial, issuer_alias, reason, revoked_at, certificate_sha256, queued_at)"
            + " SELECT serial, issuer_alias, #{reason}, #{revokedAt}, sha256(der), #{revokedAt}"
            + " FROM revoked) INSERT INTO audit_outbox (occurred_at, type, actor, subject,"
            + " details) SELECT #{revokedAt}, 'certificate.revoked', #{revokedBy}, serial,"
            + " (json_build_object('reason', #{reason}, 'at', #{at}::text,"
            + " 'stiPaReport', 'queued')::jsonb || #{attribution}::text::jsonb)::text"
            + " FROM revoked";
    private static final String REVOKED_UNEXPIRED = "SELECT serial, issuer_alias, revoked_at,"
            + " revocation_reason FROM certificate WHERE status = 'revoked' AND not_after > #{now}"
            + " ORDER BY revoked_at, serial";

    private static final RowMapper<CertificateRecord> RECORD = PgCertificateStore::record;
    private static final RowMapper<RevokedRow> REVOKED = row -> new RevokedRow(
            row.getString("serial"), row.getString("issuer_alias"),
            PgTimes.fromDb(row.getOffsetDateTime("revoked_at")),
            row.getInteger("revocation_reason"));

    /** What a reservation attempt found. */
    public enum ReserveOutcome {
        /** The serial is reserved (committed). */
        RESERVED,
        /** The serial is already taken: draw another one. */
        SERIAL_TAKEN,
        /** The issuer's CA key is revoked: nothing was reserved, nothing may be signed. */
        ISSUER_REVOKED
    }

    /** What a revocation attempt found. */
    public enum RevokeOutcome { REVOKED, ALREADY_REVOKED, NOT_ISSUED }

    private final Pool pool;
    private final SqlTemplate<Map<String, Object>, SqlResult<Void>> reserve;
    private final PartHostStatement recordIssued;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> abandon;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> abandonStale;
    private final SqlTemplate<Map<String, Object>, RowSet<CertificateRecord>> ofOrder;
    private final SqlTemplate<Map<String, Object>, RowSet<CertificateRecord>> find;
    private final SqlTemplate<Map<String, Object>, RowSet<RevokedRow>> revokedUnexpired;

    public PgCertificateStore(Pool pool) {
        this.pool = pool;
        this.reserve = SqlTemplate.forUpdate(pool, RESERVE);
        this.recordIssued = new PartHostStatement(pool, RECORD_ISSUED, recorded ->
                " SELECT (SELECT count(*) FROM event) AS recorded, " + recorded
                        + " AS order_recorded");
        this.abandon = SqlTemplate.forQuery(pool, ABANDON);
        this.abandonStale = SqlTemplate.forQuery(pool, ABANDON_STALE);
        this.ofOrder = SqlTemplate.forQuery(pool, OF_ORDER).mapTo(RECORD);
        this.find = SqlTemplate.forQuery(pool, FIND).mapTo(RECORD);
        this.revokedUnexpired = SqlTemplate.forQuery(pool, REVOKED_UNEXPIRED).mapTo(REVOKED);
    }

    /**
     * Reserves the serial (committed) unless the issuer's CA key is revoked. Returns
     * {@link ReserveOutcome#SERIAL_TAKEN} when the serial is already taken, so the caller draws
     * another one.
     */
    public Future<ReserveOutcome> reserve(CertificateReservation r) {
        Map<String, Object> params = new HashMap<>();
        params.put("serial", r.serialHex());
        params.put("issuer", r.issuerAlias());
        params.put("account", r.accountId().orElse(null));
        params.put("order", r.orderId().orElse(null));
        params.put("spc", r.spc());
        params.put("tbs", Buffer.buffer(r.tbsSha256()));
        params.put("notBefore", PgTimes.toDb(r.notBefore()));
        params.put("notAfter", PgTimes.toDb(r.notAfter()));
        return reserve.execute(params)
                .map(result -> result.rowCount() == 1 ? ReserveOutcome.RESERVED
                        : ReserveOutcome.ISSUER_REVOKED)
                .recover(PgCertificateStore::takenOnDuplicate);
    }

    /** What recording a signed certificate wrote. */
    public enum Recorded {
        /** Nothing: the serial is no longer reserved (recorded already, or abandoned). */
        NOTHING,
        /** The certificate with its audit event. */
        CERTIFICATE,
        /** The certificate with its audit event, and its ACME order valid. */
        CERTIFICATE_AND_ORDER
    }

    /**
     * Records the signed DER of a reserved serial together with its audit event, and the ACME
     * side's record of its order ({@code order}) if given, which records nothing unless this
     * statement recorded the certificate (one statement, atomic); {@link Recorded#NOTHING} when
     * the serial is no longer reserved (recorded already, or abandoned).
     */
    public Future<Recorded> recordIssued(String serialHex, byte[] der, OutboxEvent event,
                                         Optional<StatementPart> order) {
        Map<String, Object> params = OutboxEventParams.of(event);
        params.put("serial", serialHex);
        params.put("der", Buffer.buffer(der));
        params.put("notice", event.notice());
        params.put("noticeId", NewDelivery.newId());
        params.put("noticeCreated", event.at().toString());
        return recordIssued.execute(params, order).map(rows -> {
            Row row = rows.iterator().next();
            return row.getLong("recorded") == 0 ? Recorded.NOTHING
                    : row.getLong("order_recorded") == 0 ? Recorded.CERTIFICATE
                    : Recorded.CERTIFICATE_AND_ORDER;
        });
    }

    /**
     * Resolves a reserved serial whose certificate was not delivered as {@code abandoned}, with
     * its audit event (one statement); false when it was not reserved any more.
     */
    public Future<Boolean> abandon(String serialHex, String reason, Instant at) {
        return abandon.execute(Map.of("serial", serialHex, "reason", reason,
                "at", PgTimes.toDb(at), "attribution", attribution()))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Abandons, with their audit events, at most {@code limit} reservations made more than
     * {@code olderThan} ago (by the database's clock); returns their serials.
     */
    public Future<List<String>> abandonStale(Duration olderThan, int limit, String reason,
                                             Instant at) {
        Map<String, Object> params = Map.of("seconds", olderThan.toMillis() / 1000.0,
                "limit", limit, "reason", reason, "at", PgTimes.toDb(at),
                "attribution", attribution());
        return abandonStale.execute(params).map(rows -> StreamSupport
                .stream(rows.spliterator(), false).map(row -> row.getString("subject")).toList());
    }

    /** Every certificate row (any status) made for an ACME order, newest first. */
    public Future<List<CertificateRecord>> ofOrder(String orderId) {
        return ofOrder.execute(Map.of("order", orderId))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
    }

    public Future<Optional<CertificateRecord>> find(String serialHex) {
        return find.execute(Map.of("serial", serialHex)).map(rows -> rows.size() == 0
                ? Optional.empty() : Optional.of(rows.iterator().next()));
    }

    /**
     * Marks an issued certificate revoked with its {@code certificate.revoked} audit event in the
     * outbox, atomically; reports why when it could not.
     */
    public Future<RevokeOutcome> revoke(String serialHex, int reason, Instant revokedAt,
                                        String revokedBy) {
        return revoke(serialHex, reason, revokedAt, revokedBy, false);
    }

    /**
     * As {@link #revoke(String, int, Instant, String)}; with {@code reportToStiPa} the same
     * statement also queues the revocation for reporting to the STI-PA (issue 20).
     */
    public Future<RevokeOutcome> revoke(String serialHex, int reason, Instant revokedAt,
                                        String revokedBy, boolean reportToStiPa) {
        String statement = reportToStiPa ? REVOKE_REPORTED : REVOKE;
        Map<String, Object> params = Map.of("serial", serialHex, "reason", (short) reason,
                "revokedAt", PgTimes.toDb(revokedAt), "revokedBy", revokedBy,
                "at", revokedAt.toString(), "attribution", attribution());
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, statement).execute(params)
                .compose(result -> result.rowCount() == 1
                        ? Future.succeededFuture(RevokeOutcome.REVOKED)
                        : SqlTemplate.forQuery(c, FIND).mapTo(RECORD)
                                .execute(Map.of("serial", serialHex))
                                .map(PgCertificateStore::whyNotRevoked)));
    }

    public Future<List<RevokedRow>> revokedUnexpired(Instant now) {
        return revokedUnexpired.execute(Map.of("now", PgTimes.toDb(now)))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
    }

    /** Cheap liveness probe for the health endpoint. */
    public Future<Void> ping() {
        return SqlTemplate.forQuery(pool, "SELECT 1").execute(Map.of()).mapEmpty();
    }

    /** The request id the outbox events get in their details ({@link RequestAttribution}). */
    private static String attribution() {
        return RequestAttribution.current().encode();
    }

    private static RevokeOutcome whyNotRevoked(Iterable<CertificateRecord> rows) {
        var found = rows.iterator();
        return found.hasNext() && found.next().status() == CertificateStatus.REVOKED
                ? RevokeOutcome.ALREADY_REVOKED : RevokeOutcome.NOT_ISSUED;
    }

    private static Future<ReserveOutcome> takenOnDuplicate(Throwable failure) {
        if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            return Future.succeededFuture(ReserveOutcome.SERIAL_TAKEN);
        }
        return Future.failedFuture(failure);
    }

    private static CertificateRecord record(Row row) {
        Buffer der = row.getBuffer("der");
        Short reason = row.getShort("revocation_reason");
        return new CertificateRecord(row.getString("serial"), row.getString("issuer_alias"),
                CertificateStatus.fromDb(row.getString("status")),
                Optional.ofNullable(row.getString("account_id")), row.getString("spc"),
                Optional.ofNullable(der).map(Buffer::getBytes),
                PgTimes.fromDb(row.getOffsetDateTime("not_before")),
                PgTimes.fromDb(row.getOffsetDateTime("not_after")),
                Optional.ofNullable(PgTimes.fromDb(row.getOffsetDateTime("revoked_at"))),
                Optional.ofNullable(reason).map(Short::intValue));
    }
}
