package org.stica.server.pa.store.pg;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.server.pa.login.AccessToken;
import org.stica.server.pa.login.PresentedToken;
import org.stica.server.pa.login.SpLogin;
import org.stica.server.pa.login.StoredLogin;

/**
 * SQL for {@code pa_sp_login} and {@code pa_access_token} (migration {@code db/pa/V5}). A new
 * password and the revocation of the SP's live access tokens are one transaction; an access
 * token is stored only while the login it was issued under is unchanged and its SP active (the
 * rows read {@code FOR SHARE}, so a concurrent password change or SP revocation waits and then
 * revokes it too).
 */
public final class PgSpLoginStore {
    private static final String UNIQUE_VIOLATION = "23505";
    /** Expired access tokens are deleted this long after expiry when their SP logs in. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);
    private static final String BY_USER_ID = "SELECT l.spc, l.user_id, l.password_hash,"
            + " s.status = 'active' AS sp_active FROM pa_sp_login l JOIN pa_service_provider s"
            + " ON s.spc = l.spc WHERE l.user_id = #{userId}";
    private static final String BY_SPC = "SELECT spc, user_id, set_at, set_by FROM pa_sp_login"
            + " WHERE spc = #{spc}";
    private static final String USER_ID_HOLDER = "SELECT spc FROM pa_sp_login"
            + " WHERE user_id = #{userId} AND spc <> #{spc}";
    private static final String UPSERT = "INSERT INTO pa_sp_login (spc, user_id, password_hash,"
            + " set_at, set_by) VALUES (#{spc}, #{userId}, #{hash}, #{now}, #{actor})"
            + " ON CONFLICT (spc) DO UPDATE SET user_id = excluded.user_id,"
            + " password_hash = excluded.password_hash, set_at = excluded.set_at,"
            + " set_by = excluded.set_by";
    private static final String DELETE = "DELETE FROM pa_sp_login WHERE spc = #{spc}"
            + " RETURNING spc";
    private static final String REVOKE_LIVE = "UPDATE pa_access_token SET revoked_at = #{now},"
            + " revoked_by = #{actor} WHERE spc = #{spc} AND revoked_at IS NULL"
            + " AND expires_at > #{now} AND (#{id}::text IS NULL OR id = #{id}) RETURNING id";
    private static final String ISSUE = "INSERT INTO pa_access_token (id, token_sha256, spc,"
            + " issued_at, expires_at, client_address) SELECT #{id}, #{tokenHash}, l.spc,"
            + " #{issued}, #{expires}, #{address} FROM pa_sp_login l JOIN pa_service_provider s"
            + " ON s.spc = l.spc WHERE l.spc = #{spc} AND l.password_hash = #{passwordHash}"
            + " AND s.status = 'active' FOR SHARE OF l, s RETURNING id";
    private static final String PRUNE = "DELETE FROM pa_access_token WHERE spc = #{spc}"
            + " AND expires_at < #{before}";
    private static final String PRESENTED = "SELECT t.id, t.expires_at, t.revoked_at, "
            + aliased("s") + " FROM pa_access_token t JOIN pa_service_provider s"
            + " ON s.spc = t.spc WHERE t.token_sha256 = #{tokenHash}";
    private static final String LIVE = "SELECT id, spc, issued_at, expires_at, client_address"
            + " FROM pa_access_token WHERE spc = #{spc} AND revoked_at IS NULL"
            + " AND expires_at > #{now} ORDER BY issued_at, id";

    private static final RowMapper<SpLogin> LOGIN = row -> new SpLogin(row.getString("spc"),
            row.getString("user_id"), row.getOffsetDateTime("set_at").toInstant(),
            row.getString("set_by"));
    private static final RowMapper<StoredLogin> STORED = row -> new StoredLogin(
            row.getString("spc"), row.getString("user_id"), row.getString("password_hash"),
            row.getBoolean("sp_active"));
    private static final RowMapper<AccessToken> TOKEN = row -> new AccessToken(
            row.getString("id"), row.getString("spc"),
            row.getOffsetDateTime("issued_at").toInstant(),
            row.getOffsetDateTime("expires_at").toInstant(), row.getString("client_address"));
    private static final RowMapper<PresentedToken> PRESENTED_TOKEN = row -> new PresentedToken(
            row.getString("id"), row.getOffsetDateTime("expires_at").toInstant(),
            Optional.ofNullable(row.getOffsetDateTime("revoked_at"))
                    .map(OffsetDateTime::toInstant),
            PgServiceProviderStore.serviceProvider(row));

    private final Pool pool;

    public PgSpLoginStore(Pool pool) {
        this.pool = pool;
    }

    /** The login {@code userId} names, if any. */
    public Future<Optional<StoredLogin>> byUserId(String userId) {
        return SqlTemplate.forQuery(pool, BY_USER_ID).mapTo(STORED)
                .execute(Map.of("userId", userId)).map(PgSpLoginStore::first);
    }

    /** The SP's login, if one is set. */
    public Future<Optional<SpLogin>> bySpc(String spc) {
        return SqlTemplate.forQuery(pool, BY_SPC).mapTo(LOGIN).execute(Map.of("spc", spc))
                .map(PgSpLoginStore::first);
    }

    /**
     * Sets the SP's user id and password hash and revokes its live access tokens, in one
     * transaction; the ids revoked, or empty when another SP holds the user id.
     */
    public Future<Optional<List<String>>> set(SpLogin login, String passwordHash) {
        Map<String, Object> params = revocation(login.spc(), Optional.empty(), login.setBy(),
                login.passwordSetAt());
        params.put("userId", login.userId());
        params.put("hash", passwordHash);
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, USER_ID_HOLDER).execute(params)
                .compose(holders -> holders.size() > 0
                        ? Future.succeededFuture(Optional.<List<String>>empty())
                        : SqlTemplate.forUpdate(c, UPSERT).execute(params)
                        .compose(v -> revoke(c, params)).map(Optional::of)))
                .recover(PgSpLoginStore::userIdTaken);
    }

    /** Deletes the SP's login and revokes its live tokens; empty when it had no login. */
    public Future<Optional<List<String>>> remove(String spc, String actor, Instant now) {
        Map<String, Object> params = revocation(spc, Optional.empty(), actor, now);
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, DELETE).execute(params)
                .compose(rows -> rows.size() == 0
                        ? Future.succeededFuture(Optional.<List<String>>empty())
                        : revoke(c, params).map(Optional::of)));
    }

    /** Revokes the SP's live access tokens, or only {@code id}; the ids revoked. */
    public Future<List<String>> revokeLive(String spc, Optional<String> id, String actor,
                                           Instant now) {
        return pool.withTransaction(c -> revoke(c, revocation(spc, id, actor, now)));
    }

    /** The parameters of {@link #REVOKE_LIVE}: the SP, one token id or all, who and when. */
    private static Map<String, Object> revocation(String spc, Optional<String> id, String actor,
                                                  Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("spc", spc);
        params.put("id", id.orElse(null));
        params.put("actor", actor);
        params.put("now", time(now));
        return params;
    }

    /**
     * Records an access token for the SP if its login still has {@code passwordHash} and the SP
     * is active (false otherwise), deleting its tokens expired for more than a day.
     */
    public Future<Boolean> issue(AccessToken token, String tokenHash, String passwordHash) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", token.id());
        params.put("tokenHash", tokenHash);
        params.put("spc", token.spc());
        params.put("issued", time(token.issuedAt()));
        params.put("expires", time(token.expiresAt()));
        params.put("address", token.clientAddress());
        params.put("passwordHash", passwordHash);
        params.put("before", time(token.issuedAt().minus(KEEP_EXPIRED)));
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, PRUNE).execute(params)
                .compose(v -> SqlTemplate.forQuery(c, ISSUE).execute(params))
                .map(rows -> rows.size() == 1));
    }

    /** The record of the token whose SHA-256 is {@code tokenHash}, with its SP. */
    public Future<Optional<PresentedToken>> presented(String tokenHash) {
        return SqlTemplate.forQuery(pool, PRESENTED).mapTo(PRESENTED_TOKEN)
                .execute(Map.of("tokenHash", tokenHash)).map(PgSpLoginStore::first);
    }

    /** The SP's access tokens neither expired nor revoked, oldest first. */
    public Future<List<AccessToken>> live(String spc, Instant now) {
        return SqlTemplate.forQuery(pool, LIVE).mapTo(TOKEN)
                .execute(Map.of("spc", spc, "now", time(now))).map(rows -> {
                    List<AccessToken> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
    }

    private static Future<List<String>> revoke(SqlConnection c, Map<String, Object> params) {
        return SqlTemplate.forQuery(c, REVOKE_LIVE).execute(params).map(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString("id")));
            return ids;
        });
    }

    private static Future<Optional<List<String>>> userIdTaken(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure);
    }

    private static String aliased(String alias) {
        return alias + "." + PgServiceProviderStore.COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static <T> Optional<T> first(RowSet<T> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
