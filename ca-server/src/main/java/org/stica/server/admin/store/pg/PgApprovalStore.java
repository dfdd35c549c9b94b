package org.stica.server.admin.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.stica.server.admin.Approval;
import org.stica.server.admin.ApprovalStore;

/** SQL for {@code admin_approval}. */
public final class PgApprovalStore implements ApprovalStore {
    private static final String COLUMNS = "id, operation, method, path, body_sha256,"
            + " requested_by, requested_at, status, approved_by";
    private static final String INSERT = "INSERT INTO admin_approval (id, operation, method,"
            + " path, body_sha256, requested_by, requested_at, status) VALUES (#{id},"
            + " #{operation}, #{method}, #{path}, #{body}, #{requestedBy}, #{requestedAt},"
            + " 'pending')";
    private static final String FIND = "SELECT " + COLUMNS + " FROM admin_approval"
            + " WHERE id = #{id}";
    private static final String PENDING = "SELECT " + COLUMNS + " FROM admin_approval"
            + " WHERE status = 'pending' ORDER BY requested_at";
    private static final String APPROVE = "UPDATE admin_approval SET status = 'approved',"
            + " approved_by = #{approver}, approved_at = #{at} WHERE id = #{id}"
            + " AND status = 'pending' AND requested_by <> #{approver}";
    private static final String CONSUME = "UPDATE admin_approval SET status = 'executed'"
            + " WHERE id = #{id} AND status = 'approved' AND method = #{method}"
            + " AND path = #{path} AND body_sha256 = #{body}";

    private static final RowMapper<Approval> APPROVAL = PgApprovalStore::approval;

    private final Pool pool;

    public PgApprovalStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> insert(Approval a) {
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, INSERT).execute(Map.of(
                "id", a.id(), "operation", a.operation(), "method", a.method(), "path", a.path(),
                "body", a.bodySha256(), "requestedBy", a.requestedBy(),
                "requestedAt", a.requestedAt().atOffset(ZoneOffset.UTC)))).mapEmpty();
    }

    @Override
    public Future<Optional<Approval>> find(String id) {
        return SqlTemplate.forQuery(pool, FIND).mapTo(APPROVAL).execute(Map.of("id", id))
                .map(rows -> list(rows).stream().findFirst());
    }

    @Override
    public Future<List<Approval>> pending() {
        return SqlTemplate.forQuery(pool, PENDING).mapTo(APPROVAL).execute(Map.of())
                .map(PgApprovalStore::list);
    }

    @Override
    public Future<Boolean> approve(String id, String approver, Instant at) {
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, APPROVE).execute(Map.of(
                "id", id, "approver", approver, "at", at.atOffset(ZoneOffset.UTC))))
                .map(result -> result.rowCount() == 1);
    }

    @Override
    public Future<Boolean> consume(String id, String method, String path, String bodySha256) {
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, CONSUME).execute(Map.of(
                "id", id, "method", method, "path", path, "body", bodySha256)))
                .map(result -> result.rowCount() == 1);
    }

    private static Approval approval(Row row) {
        return new Approval(row.getString("id"), row.getString("operation"),
                row.getString("method"), row.getString("path"), row.getString("body_sha256"),
                row.getString("requested_by"), row.getOffsetDateTime("requested_at").toInstant(),
                row.getString("status"), Optional.ofNullable(row.getString("approved_by")));
    }

    private static <T> List<T> list(Iterable<T> rows) {
        return StreamSupport.stream(rows.spliterator(), false).toList();
    }
}
