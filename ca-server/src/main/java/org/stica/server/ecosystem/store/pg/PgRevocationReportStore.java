package org.stica.server.ecosystem.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.stica.server.ecosystem.PendingReport;
import org.stica.server.ecosystem.ReportExport;

/**
 * SQL for {@code revocation_report} and {@code revocation_report_export} (migration
 * {@code db/ecosystem}). Rows are queued by the revocation statement itself
 * ({@code PgCertificateStore}); here they are listed, bound to an export and the export marked
 * submitted. An export takes its rows only while they are still pending, in the transaction that
 * stores it, so two exports never carry the same revocation.
 */
public final class PgRevocationReportStore {
    private static final String PENDING = "SELECT serial, issuer_alias, reason, revoked_at,"
            + " certificate_sha256, queued_at FROM revocation_report WHERE export_id IS NULL"
            + " ORDER BY queued_at, serial LIMIT #{limit}";
    private static final String NEXT_EXPORT_ID =
            "SELECT nextval('revocation_report_export_id_seq') AS id";
    private static final String INSERT_EXPORT = "INSERT INTO revocation_report_export (id,"
            + " created_at, created_by, entries, document, sha256) VALUES (#{id}, #{createdAt},"
            + " #{createdBy}, #{entries}, #{document}, #{sha256})";
    private static final String TAKE = "UPDATE revocation_report SET export_id = #{id}"
            + " WHERE serial = ANY(#{serials}) AND export_id IS NULL";
    private static final String EXPORT_COLUMNS = "id, created_at, created_by, entries, sha256,"
            + " submitted_at, submitted_by, submission_reference";
    private static final String EXPORTS = "SELECT " + EXPORT_COLUMNS
            + " FROM revocation_report_export ORDER BY id DESC LIMIT #{limit}";
    private static final String EXPORT = "SELECT " + EXPORT_COLUMNS + ", document"
            + " FROM revocation_report_export WHERE id = #{id}";
    private static final String MARK_SUBMITTED = "UPDATE revocation_report_export"
            + " SET submitted_at = #{at}, submitted_by = #{by}, submission_reference = #{ref}"
            + " WHERE id = #{id} AND submitted_at IS NULL";

    private static final RowMapper<PendingReport> PENDING_ROW = row -> new PendingReport(
            row.getString("serial"), row.getString("issuer_alias"), row.getInteger("reason"),
            row.getOffsetDateTime("revoked_at").toInstant(),
            row.getBuffer("certificate_sha256").getBytes(),
            row.getOffsetDateTime("queued_at").toInstant());
    private static final RowMapper<ReportExport> EXPORT_ROW = PgRevocationReportStore::export;

    /** What marking an export submitted did. */
    public enum MarkOutcome { MARKED, ALREADY_SUBMITTED, NOT_FOUND }

    private final Pool pool;

    public PgRevocationReportStore(Pool pool) {
        this.pool = pool;
    }

    /** The oldest {@code limit} revocations no export carries yet. */
    public Future<List<PendingReport>> pending(int limit) {
        return SqlTemplate.forQuery(pool, PENDING).mapTo(PENDING_ROW)
                .execute(Map.of("limit", limit)).map(PgRevocationReportStore::list);
    }

    /** A fresh export id (reserved before signing, so the document can name it). */
    public Future<Long> nextExportId() {
        return SqlTemplate.forQuery(pool, NEXT_EXPORT_ID).execute(Map.of())
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /**
     * Stores the export and binds its revocations to it, in one transaction; false (nothing
     * stored) when another export took any of them meanwhile.
     */
    public Future<Boolean> saveExport(ReportExport export, List<String> serials) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", export.id());
        params.put("createdAt", time(export.createdAt()));
        params.put("createdBy", export.createdBy());
        params.put("entries", export.entries());
        params.put("document", export.document().orElseThrow());
        params.put("sha256", export.sha256());
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, INSERT_EXPORT).execute(params)
                .compose(v -> SqlTemplate.forUpdate(c, TAKE).execute(Map.of("id", export.id(),
                        "serials", serials.toArray(String[]::new))))
                .compose(taken -> taken.rowCount() == serials.size()
                        ? Future.succeededFuture(true)
                        : Future.failedFuture(new ExportRaced())))
                .recover(e -> e instanceof ExportRaced ? Future.succeededFuture(false)
                        : Future.failedFuture(e));
    }

    /** The newest {@code limit} exports, without their documents. */
    public Future<List<ReportExport>> exports(int limit) {
        return SqlTemplate.forQuery(pool, EXPORTS).mapTo(EXPORT_ROW)
                .execute(Map.of("limit", limit)).map(PgRevocationReportStore::list);
    }

    /** One export with its document. */
    public Future<Optional<ReportExport>> export(long id) {
        return SqlTemplate.forQuery(pool, EXPORT).mapTo(EXPORT_ROW).execute(Map.of("id", id))
                .map(rows -> list(rows).stream().findFirst());
    }

    /** Marks the export submitted once. */
    public Future<MarkOutcome> markSubmitted(long id, String by, Optional<String> reference,
                                             Instant at) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("by", by);
        params.put("ref", reference.orElse(null));
        params.put("at", time(at));
        return SqlTemplate.forUpdate(pool, MARK_SUBMITTED).execute(params)
                .compose(updated -> updated.rowCount() == 1
                        ? Future.succeededFuture(MarkOutcome.MARKED)
                        : export(id).map(found -> found.isPresent()
                                ? MarkOutcome.ALREADY_SUBMITTED : MarkOutcome.NOT_FOUND));
    }

    /** Rolls the export's transaction back: another export took a revocation first. */
    private static final class ExportRaced extends RuntimeException {
        ExportRaced() {
            super("another export took some of these revocations", null, false, false);
        }
    }

    private static ReportExport export(Row row) {
        boolean withDocument = row.getColumnIndex("document") >= 0;
        return new ReportExport(row.getLong("id"), row.getOffsetDateTime("created_at").toInstant(),
                row.getString("created_by"), row.getInteger("entries"), row.getString("sha256"),
                Optional.ofNullable(row.getOffsetDateTime("submitted_at"))
                        .map(OffsetDateTime::toInstant),
                Optional.ofNullable(row.getString("submitted_by")),
                Optional.ofNullable(row.getString("submission_reference")),
                withDocument ? Optional.of(row.getString("document")) : Optional.empty());
    }

    private static <T> List<T> list(Iterable<T> rows) {
        return StreamSupport.stream(rows.spliterator(), false).toList();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
