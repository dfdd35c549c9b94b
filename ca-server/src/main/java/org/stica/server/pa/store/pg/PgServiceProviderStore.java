package org.stica.server.pa.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.stica.server.pa.ServiceProvider;

/**
 * SQL for {@code pa_service_provider} and {@code pa_issued_ca_list} (migrations in
 * {@code db/pa}; revoking an SP also revokes its rows of {@code pa_access_token}), plus the
 * read of the serials of issued certificates carrying an SPC (the {@code certificate} table of
 * ca-server) used when an SP is revoked.
 */
public final class PgServiceProviderStore {
    /** The SP columns {@link #serviceProvider} reads. */
    static final String COLUMNS = "spc, name, status, account_fingerprints, sca_allowed";
    private static final String ALL = "SELECT " + COLUMNS + " FROM pa_service_provider"
            + " ORDER BY spc";
    private static final String ONE = "SELECT " + COLUMNS + " FROM pa_service_provider"
            + " WHERE spc = #{spc}";
    private static final String KEY_HASH = "SELECT api_key_sha256, " + COLUMNS
            + " FROM pa_service_provider WHERE spc = #{spc}";
    private static final String INSERT = "INSERT INTO pa_service_provider (spc, name, status,"
            + " account_fingerprints, sca_allowed, api_key_sha256) VALUES (#{spc}, #{name},"
            + " 'active', #{fingerprints}, #{sca}, #{keyHash}) ON CONFLICT (spc) DO NOTHING"
            + " RETURNING spc";
    private static final String UPDATE = "UPDATE pa_service_provider SET name = #{name},"
            + " account_fingerprints = #{fingerprints}, sca_allowed = #{sca} WHERE spc = #{spc}"
            + " RETURNING " + COLUMNS;
    private static final String REVOKE = "UPDATE pa_service_provider SET status = 'revoked',"
            + " revoked_at = #{now} WHERE spc = #{spc} AND status = 'active' RETURNING spc";
    /** Run after {@link #REVOKE} in its transaction, so it sees every token issued before. */
    private static final String REVOKE_ACCESS_TOKENS = "UPDATE pa_access_token"
            + " SET revoked_at = #{now}, revoked_by = 'service-provider-revoked'"
            + " WHERE spc = #{spc} AND revoked_at IS NULL AND expires_at > #{now}";
    private static final String ISSUED_SERIALS = "SELECT serial FROM certificate"
            + " WHERE spc = #{spc} AND status = 'issued'";
    private static final String INSERT_CA_LIST = "INSERT INTO pa_issued_ca_list (jws,"
            + " expires_at) VALUES ('', #{expires}) RETURNING sequence";
    private static final String SET_CA_LIST = "UPDATE pa_issued_ca_list SET jws = #{jws}"
            + " WHERE sequence = #{sequence}";
    private static final String LATEST_CA_LIST = "SELECT jws FROM pa_issued_ca_list"
            + " WHERE jws <> '' ORDER BY sequence DESC LIMIT 1";

    private static final RowMapper<ServiceProvider> SP = PgServiceProviderStore::serviceProvider;

    private final Pool pool;

    public PgServiceProviderStore(Pool pool) {
        this.pool = pool;
    }

    public Future<List<ServiceProvider>> all() {
        return SqlTemplate.forQuery(pool, ALL).mapTo(SP).execute(Map.of()).map(rows -> {
            List<ServiceProvider> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        });
    }

    public Future<Optional<ServiceProvider>> find(String spc) {
        return SqlTemplate.forQuery(pool, ONE).mapTo(SP).execute(Map.of("spc", spc))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next()));
    }

    /** The SP and its stored API key hash. */
    public Future<Optional<Map.Entry<ServiceProvider, String>>> findWithKeyHash(String spc) {
        return SqlTemplate.forQuery(pool, KEY_HASH).execute(Map.of("spc", spc))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Map.entry(
                        serviceProvider(rows.iterator().next()),
                        rows.iterator().next().getString("api_key_sha256"))));
    }

    /** False when the SPC is already registered. */
    public Future<Boolean> insert(ServiceProvider sp, String keyHash) {
        Map<String, Object> params = params(sp);
        params.put("keyHash", keyHash);
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, INSERT).execute(params)
                .map(rows -> rows.size() > 0));
    }

    public Future<Optional<ServiceProvider>> update(ServiceProvider sp) {
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, UPDATE).mapTo(SP)
                .execute(params(sp)).map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next())));
    }

    /**
     * Revokes the SP and, in the same transaction, its live access tokens (the iconectiv-style
     * login's); false when the SP is unknown or already revoked.
     */
    public Future<Boolean> revoke(String spc, Instant now) {
        Map<String, Object> params = Map.of("spc", spc,
                "now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, REVOKE).execute(params)
                .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false)
                        : SqlTemplate.forUpdate(c, REVOKE_ACCESS_TOKENS).execute(params)
                        .map(true)));
    }

    /** Serials (hex) of issued, unrevoked certificates carrying {@code spc}. */
    public Future<List<String>> issuedSerials(String spc) {
        return SqlTemplate.forQuery(pool, ISSUED_SERIALS).execute(Map.of("spc", spc))
                .map(rows -> {
                    List<String> serials = new ArrayList<>();
                    rows.forEach(row -> serials.add(row.getString("serial")));
                    return serials;
                });
    }

    /** Reserves the next CA list sequence (strictly increasing, shared by all instances). */
    public Future<Long> reserveCaListSequence(Instant expires) {
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, INSERT_CA_LIST)
                .execute(Map.of("expires", OffsetDateTime.ofInstant(expires, ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("sequence")));
    }

    public Future<Void> storeCaList(long sequence, String jws) {
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, SET_CA_LIST)
                .execute(Map.of("sequence", sequence, "jws", jws))).mapEmpty();
    }

    public Future<Optional<String>> latestCaList() {
        return SqlTemplate.forQuery(pool, LATEST_CA_LIST).execute(Map.of())
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("jws")));
    }

    private static Map<String, Object> params(ServiceProvider sp) {
        Map<String, Object> params = new HashMap<>();
        params.put("spc", sp.spc());
        params.put("name", sp.name());
        params.put("fingerprints", sp.accountFingerprints().toArray(new String[0]));
        params.put("sca", sp.scaAllowed());
        return params;
    }

    /** The SP of a row holding {@link #COLUMNS}. */
    static ServiceProvider serviceProvider(Row row) {
        String[] fingerprints = row.getArrayOfStrings("account_fingerprints");
        return new ServiceProvider(row.getString("spc"), row.getString("name"),
                ServiceProvider.Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                fingerprints == null ? List.of() : Arrays.asList(fingerprints),
                row.getBoolean("sca_allowed"));
    }
}
