package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.stica.server.ca.CaKeyRevocation;

/**
 * SQL for {@code ca_key_revocation}: revoked CA keys (intermediates, the CRL signer); under the
 * STI-PA an intermediate's revocation also queues its {@code revocation_report}. Issuance
 * reads the table inside its reservation statement ({@link PgCertificateStore#reserve}), not here.
 */
public final class PgCaKeyRevocationStore {
    private static final String INSERT = "INSERT INTO ca_key_revocation"
            + " (alias, serial, revoked_at, reason, revoked_by)"
            + " VALUES (#{alias}, #{serial}, #{revokedAt}, #{reason}, #{revokedBy})"
            + " ON CONFLICT (alias) DO NOTHING";
    /**
     * As {@link #INSERT}, and the revocation queued for reporting to the STI-PA
     * ({@code revocation_report}, migration {@code db/ecosystem} V2) by the same statement, so
     * neither exists without the other.
     */
    private static final String INSERT_REPORTED = "WITH revoked AS (INSERT INTO"
            + " ca_key_revocation (alias, serial, revoked_at, reason, revoked_by)"
            + " VALUES (#{alias}, #{serial}, #{revokedAt}, #{reason}, #{revokedBy})"
            + " ON CONFLICT (alias) DO NOTHING RETURNING serial)"
            + " INSERT INTO revocation_report (serial, issuer_alias, reason, revoked_at,"
            + " certificate_sha256, queued_at) SELECT r.serial, #{issuer}, #{reason},"
            + " #{revokedAt}, sha256(k.certificate), #{revokedAt} FROM revoked r"
            + " JOIN ca_key k ON k.alias = #{alias}";
    private static final String ALL = "SELECT alias, serial, revoked_at, reason, revoked_by"
            + " FROM ca_key_revocation ORDER BY revoked_at, alias";

    private static final RowMapper<CaKeyRevocation> ROW = row -> new CaKeyRevocation(
            row.getString("alias"), row.getString("serial"),
            PgTimes.fromDb(row.getOffsetDateTime("revoked_at")), row.getInteger("reason"),
            row.getString("revoked_by"));

    private final SqlTemplate<Map<String, Object>, SqlResult<Void>> insert;
    private final SqlTemplate<Map<String, Object>, SqlResult<Void>> insertReported;
    private final SqlTemplate<Map<String, Object>, RowSet<CaKeyRevocation>> all;

    public PgCaKeyRevocationStore(Pool pool) {
        this.insert = SqlTemplate.forUpdate(pool, INSERT);
        this.insertReported = SqlTemplate.forUpdate(pool, INSERT_REPORTED);
        this.all = SqlTemplate.forQuery(pool, ALL).mapTo(ROW);
    }

    /** Records the revocation; false when the key was already revoked (nothing changed). */
    public Future<Boolean> revoke(CaKeyRevocation revocation) {
        return insert.execute(params(revocation)).map(result -> result.rowCount() == 1);
    }

    /**
     * Records the revocation and queues it for the STI-PA in one statement, the report naming
     * {@code issuerAlias} (the CA key whose certificate issued the revoked one) and the SHA-256
     * of the revoked certificate as {@code ca_key} holds it (as {@code PgCertificateStore} takes
     * a certificate's); false when the key was already revoked (nothing changed).
     */
    public Future<Boolean> revokeReported(CaKeyRevocation revocation, String issuerAlias) {
        Map<String, Object> params = params(revocation);
        params.put("issuer", issuerAlias);
        return insertReported.execute(params).map(result -> result.rowCount() == 1);
    }

    private static Map<String, Object> params(CaKeyRevocation revocation) {
        Map<String, Object> params = new HashMap<>();
        params.put("alias", revocation.alias());
        params.put("serial", revocation.serialHex());
        params.put("revokedAt", PgTimes.toDb(revocation.revokedAt()));
        params.put("reason", (short) revocation.reason());
        params.put("revokedBy", revocation.revokedBy());
        return params;
    }

    public Future<List<CaKeyRevocation>> all() {
        return all.execute(Map.of())
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
    }
}
