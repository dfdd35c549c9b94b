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
import org.stica.server.admin.AdminRole;
import org.stica.server.admin.ApiKey;
import org.stica.server.admin.ApiKeyStore;

/** SQL for {@code admin_api_key}. */
public final class PgApiKeyStore implements ApiKeyStore {
    private static final String COLUMNS = "id, name, role, created_at, created_by, revoked_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM admin_api_key"
            + " WHERE key_sha256 = #{hash} AND revoked_at IS NULL";
    private static final String LIST = "SELECT " + COLUMNS + " FROM admin_api_key"
            + " ORDER BY created_at, id";
    private static final String INSERT = "INSERT INTO admin_api_key (id, name, role, key_sha256,"
            + " created_at, created_by) VALUES (#{id}, #{name}, #{role}, #{hash}, #{createdAt},"
            + " #{createdBy})";
    private static final String REVOKE = "UPDATE admin_api_key SET revoked_at = #{at},"
            + " revoked_by = #{by} WHERE id = #{id} AND revoked_at IS NULL";

    private static final RowMapper<ApiKey> KEY = PgApiKeyStore::key;

    private final Pool pool;

    public PgApiKeyStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Optional<ApiKey>> findActive(String sha256Hex) {
        return SqlTemplate.forQuery(pool, FIND).mapTo(KEY).execute(Map.of("hash", sha256Hex))
                .map(rows -> list(rows).stream().findFirst());
    }

    @Override
    public Future<List<ApiKey>> list() {
        return SqlTemplate.forQuery(pool, LIST).mapTo(KEY).execute(Map.of())
                .map(PgApiKeyStore::list);
    }

    @Override
    public Future<Void> insert(ApiKey key, String sha256Hex) {
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, INSERT).execute(Map.of(
                "id", key.id(), "name", key.name(), "role", key.role().wireName(),
                "hash", sha256Hex, "createdAt", key.createdAt().atOffset(ZoneOffset.UTC),
                "createdBy", key.createdBy()))).mapEmpty();
    }

    @Override
    public Future<Boolean> revoke(String id, String by, Instant at) {
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, REVOKE).execute(Map.of(
                "id", id, "by", by, "at", at.atOffset(ZoneOffset.UTC))))
                .map(result -> result.rowCount() == 1);
    }

    private static ApiKey key(Row row) {
        return new ApiKey(row.getString("id"), row.getString("name"),
                AdminRole.fromWire(row.getString("role")).orElseThrow(),
                row.getOffsetDateTime("created_at").toInstant(), row.getString("created_by"),
                Optional.ofNullable(row.getOffsetDateTime("revoked_at"))
                        .map(t -> t.toInstant()));
    }

    private static <T> List<T> list(Iterable<T> rows) {
        return StreamSupport.stream(rows.spliterator(), false).toList();
    }
}
