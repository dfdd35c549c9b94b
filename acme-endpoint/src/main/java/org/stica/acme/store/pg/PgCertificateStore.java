package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.model.CertificateRecord;

/**
 * Issued certificates (RFC 8555 §7.4.2) in {@code acme_certificate}; rows are written by
 * {@link PgOrderStore#recordIssued} together with the order transition. The statements are
 * parsed once, when the store is built.
 */
public final class PgCertificateStore {
    private static final String COLUMNS =
            "id, order_id, account_id, serial_hex, chain_pem, x5u, created_at";
    static final String BY_ID = "SELECT " + COLUMNS
            + " FROM acme_certificate WHERE id = #{id}";
    private static final String BY_SERIAL = "SELECT " + COLUMNS
            + " FROM acme_certificate WHERE serial_hex = #{serial}";

    private static final RowMapper<CertificateRecord> CERTIFICATE = row -> new CertificateRecord(
            row.getString("id"), row.getString("order_id"), row.getString("account_id"),
            row.getString("serial_hex"), row.getString("chain_pem"), row.getString("x5u"),
            SqlValues.instant(row, "created_at"));

    private final SqlTemplate<Map<String, Object>, RowSet<CertificateRecord>> byId;
    private final SqlTemplate<Map<String, Object>, RowSet<CertificateRecord>> bySerial;

    private final RecentCertificates recent;

    /** A store that reads every certificate from the database. */
    public PgCertificateStore(Pool pool) {
        this(pool, new RecentCertificates(1));
    }

    /** A store that first looks among the certificates this instance {@code recent}ly recorded. */
    public PgCertificateStore(Pool pool, RecentCertificates recent) {
        this.recent = recent;
        this.byId = SqlTemplate.forQuery(pool, BY_ID).mapTo(CERTIFICATE);
        this.bySerial = SqlTemplate.forQuery(pool, BY_SERIAL).mapTo(CERTIFICATE);
    }

    public Future<Optional<CertificateRecord>> findById(String id) {
        Optional<CertificateRecord> remembered = recent.find(id);
        if (remembered.isPresent()) {
            return Future.succeededFuture(remembered);
        }
        return byId.execute(Map.of("id", id)).map(PgCertificateStore::first);
    }

    /** By serial in lowercase hex without leading zeros ({@code BigInteger.toString(16)}). */
    public Future<Optional<CertificateRecord>> findBySerial(String serialHex) {
        return bySerial.execute(Map.of("serial", serialHex)).map(PgCertificateStore::first);
    }

    private static Optional<CertificateRecord> first(RowSet<CertificateRecord> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }
}
