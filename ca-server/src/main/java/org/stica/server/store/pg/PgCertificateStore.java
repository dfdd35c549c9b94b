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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.stica.server.issuance.CertificateRecord;
import org.stica.server.issuance.CertificateReservation;
import org.stica.server.issuance.CertificateStatus;
import org.stica.server.issuance.RevokedRow;

/**
 * SQL for the {@code certificate} table: reserve a serial (committed before signing), record the
 * signed DER, look up, revoke, and list revoked unexpired certificates for the CRL.
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
    private static final String RECORD_ISSUED = "UPDATE certificate SET status = 'issued',"
            + " der = #{der} WHERE serial = #{serial} AND status = 'reserved'";
    private static final String FIND = "SELECT serial, issuer_alias, status, account_id, spc, der,"
            + " not_before, not_after, revoked_at, revocation_reason FROM certificate"
            + " WHERE serial = #{serial}";
    private static final String REVOKE = "UPDATE certificate SET status = 'revoked',"
            + " revoked_at = #{revokedAt}, revocation_reason = #{reason}, revoked_by = #{revokedBy}"
            + " WHERE serial = #{serial} AND status = 'issued'";
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
    private final SqlTemplate<Map<String, Object>, SqlResult<Void>> recordIssued;
    private final SqlTemplate<Map<String, Object>, RowSet<CertificateRecord>> find;
    private final SqlTemplate<Map<String, Object>, RowSet<RevokedRow>> revokedUnexpired;

    public PgCertificateStore(Pool pool) {
        this.pool = pool;
        this.reserve = SqlTemplate.forUpdate(pool, RESERVE);
        this.recordIssued = SqlTemplate.forUpdate(pool, RECORD_ISSUED);
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

    /** Records the signed DER of a reserved serial; fails if the row is not reserved. */
    public Future<Void> recordIssued(String serialHex, byte[] der) {
        Map<String, Object> params = Map.of("serial", serialHex, "der", Buffer.buffer(der));
        return recordIssued.execute(params).compose(result -> result.rowCount() == 1
                ? Future.succeededFuture()
                : Future.failedFuture(new IllegalStateException(
                        "certificate " + serialHex + " is not reserved")));
    }

    public Future<Optional<CertificateRecord>> find(String serialHex) {
        return find.execute(Map.of("serial", serialHex)).map(rows -> rows.size() == 0
                ? Optional.empty() : Optional.of(rows.iterator().next()));
    }

    /** Marks an issued certificate revoked, atomically; reports why when it could not. */
    public Future<RevokeOutcome> revoke(String serialHex, int reason, Instant revokedAt,
                                        String revokedBy) {
        Map<String, Object> params = Map.of("serial", serialHex, "reason", (short) reason,
                "revokedAt", PgTimes.toDb(revokedAt), "revokedBy", revokedBy);
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, REVOKE).execute(params)
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
