package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.stica.server.token.X5uPrefix;

/** SQL for {@code x5u_prefix} (db/x5u): x5u allow-list entries added through the admin API. */
public final class PgX5uPrefixStore {
    private static final String ALL = "SELECT id, prefix, created_at, created_by FROM x5u_prefix"
            + " ORDER BY created_at, id";
    private static final String INSERT = "INSERT INTO x5u_prefix (id, prefix, created_at,"
            + " created_by) VALUES (#{id}, #{prefix}, #{createdAt}, #{createdBy})"
            + " ON CONFLICT (prefix) DO NOTHING";
    private static final String DELETE = "DELETE FROM x5u_prefix WHERE id = #{id}"
            + " RETURNING prefix";

    private static final RowMapper<X5uPrefix> PREFIX = row -> new X5uPrefix(row.getString("id"),
            row.getString("prefix"), row.getOffsetDateTime("created_at").toInstant(),
            row.getString("created_by"));

    private final Pool pool;

    public PgX5uPrefixStore(Pool pool) {
        this.pool = pool;
    }

    public Future<List<X5uPrefix>> all() {
        return SqlTemplate.forQuery(pool, ALL).mapTo(PREFIX).execute(Map.of())
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
    }

    /** True when inserted; false when the prefix is already listed. */
    public Future<Boolean> insert(X5uPrefix entry) {
        return pool.withTransaction(conn -> SqlTemplate.forUpdate(conn, INSERT).execute(Map.of(
                "id", entry.id(), "prefix", entry.prefix(), "createdAt", time(entry.createdAt()),
                "createdBy", entry.createdBy()))).map(result -> result.rowCount() == 1);
    }

    /** The removed entry's prefix; empty when there was no such entry. */
    public Future<Optional<String>> delete(String id) {
        return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, DELETE)
                .mapTo(row -> row.getString("prefix")).execute(Map.of("id", id)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next()));
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
