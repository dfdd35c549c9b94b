package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.model.Account;
import org.stica.acme.model.AccountStatus;

/**
 * Accounts (RFC 8555 §7.3) in {@code acme_account}; the RFC 7638 thumbprint is unique, so one key
 * maps to at most one account even when two newAccount requests race. {@link #findById} reads
 * through an {@link AccountCache} (kept current across instances by the table's change
 * notifications); the writes here evict the account locally as soon as they are done.
 */
public final class PgAccountStore {
    static final String COLUMNS =
            "id, thumbprint, jwk, status, contact, tos_agreed, created_at, eab_kid, eab_label";
    private static final String INSERT = "INSERT INTO acme_account (" + COLUMNS + ") VALUES"
            + " (#{id}, #{thumbprint}, #{jwk}, 'valid', #{contact}, #{tos}, #{created},"
            + " #{eabKid}, #{eabLabel})"
            + " ON CONFLICT (thumbprint) DO NOTHING RETURNING " + COLUMNS;
    private static final String CLAIM_EAB_KEY = "UPDATE acme_eab_key SET used_at = #{now},"
            + " account_id = #{account} WHERE kid = #{kid} AND used_at IS NULL";
    private static final String CHANGE_KEY = "UPDATE acme_account SET jwk = #{jwk},"
            + " thumbprint = #{thumbprint} WHERE id = #{id} AND status = 'valid'"
            + " AND thumbprint = #{oldThumbprint} RETURNING " + COLUMNS;
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM acme_account WHERE id = #{id}";
    private static final String BY_THUMBPRINT = "SELECT " + COLUMNS
            + " FROM acme_account WHERE thumbprint = #{thumbprint}";
    private static final String UPDATE_CONTACT = "UPDATE acme_account SET contact = #{contact}"
            + " WHERE id = #{id} AND status = 'valid' RETURNING " + COLUMNS;
    private static final String DEACTIVATE = "UPDATE acme_account SET status = 'deactivated'"
            + " WHERE id = #{id} AND status = 'valid' RETURNING " + COLUMNS;

    /** Maps an {@link #COLUMNS} row; shared with {@link PgAccountSearch}. */
    static final RowMapper<Account> ACCOUNT = row -> new Account(row.getString("id"),
            row.getString("jwk"), row.getString("thumbprint"),
            AccountStatus.fromWire(row.getString("status")),
            new JsonArray(row.getString("contact")).stream().map(String::valueOf).toList(),
            row.getBoolean("tos_agreed"), SqlValues.instant(row, "created_at"),
            SqlValues.optionalString(row, "eab_kid"), SqlValues.optionalString(row, "eab_label"));

    private final Pool pool;
    private final AccountCache cache;

    /** A store that reads every account from the database. */
    public PgAccountStore(Pool pool) {
        this(pool, AccountCache.none());
    }

    public PgAccountStore(Pool pool, AccountCache cache) {
        this.pool = pool;
        this.cache = cache;
    }

    /** Inserts a valid account; empty when an account with the same thumbprint already exists. */
    public Future<Optional<Account>> insertIfAbsent(Account account) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", account.id());
        params.put("thumbprint", account.thumbprint());
        params.put("jwk", account.jwkJson());
        params.put("contact", new JsonArray(account.contact()).encode());
        params.put("tos", account.termsOfServiceAgreed());
        params.put("created", SqlValues.time(account.createdAt()));
        params.put("eabKid", account.eabKid().orElse(null));
        params.put("eabLabel", account.eabLabel().orElse(null));
        return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, INSERT).mapTo(ACCOUNT)
                .execute(params)
                .compose(rows -> claimBinding(conn, account, rows)))
                .map(PgAccountStore::first);
    }

    /**
     * Marks the account's EAB key used, in the transaction that inserts the account; fails (and so
     * rolls the account back) when the key was used meanwhile (single use, RFC 8555 §7.3.4).
     */
    private static Future<RowSet<Account>> claimBinding(SqlConnection conn, Account account,
                                                        RowSet<Account> rows) {
        if (account.eabKid().isEmpty() || rows.size() == 0) {
            return Future.succeededFuture(rows);
        }
        return SqlTemplate.forUpdate(conn, CLAIM_EAB_KEY)
                .execute(Map.of("now", SqlValues.time(account.createdAt()), "account",
                        account.id(), "kid", account.eabKid().get()))
                .compose(result -> result.rowCount() == 1 ? Future.succeededFuture(rows)
                        : Future.failedFuture(new EabKeyUsedException()));
    }

    /**
     * Replaces the key of a valid account whose key is still {@code oldThumbprint} (RFC 8555
     * §7.3.5); empty when the account or its key changed meanwhile. Fails with
     * {@link KeyInUseException} when another account holds the new key.
     */
    public Future<Optional<Account>> changeKey(String id, String oldThumbprint, String newJwk,
                                               String newThumbprint) {
        Map<String, Object> params = Map.of("id", id, "oldThumbprint", oldThumbprint,
                "jwk", newJwk, "thumbprint", newThumbprint);
        return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, CHANGE_KEY)
                        .mapTo(ACCOUNT).execute(params))
                .map(PgAccountStore::first)
                .andThen(done -> cache.invalidate(id))
                .recover(failure -> Future.failedFuture(UniqueViolations.is(failure)
                        ? new KeyInUseException() : failure));
    }

    /** The account, from the cache while it is kept current, else from the database. */
    public Future<Optional<Account>> findById(String id) {
        return cache.get(id, this::selectById);
    }

    private Future<Optional<Account>> selectById(String id) {
        return SqlTemplate.forQuery(pool, BY_ID).mapTo(ACCOUNT).execute(Map.of("id", id))
                .map(PgAccountStore::first);
    }

    public Future<Optional<Account>> findByThumbprint(String thumbprint) {
        return SqlTemplate.forQuery(pool, BY_THUMBPRINT).mapTo(ACCOUNT)
                .execute(Map.of("thumbprint", thumbprint)).map(PgAccountStore::first);
    }

    /** Replaces the contact list of a valid account; empty when the account is not valid. */
    public Future<Optional<Account>> updateContact(String id, List<String> contact) {
        Map<String, Object> params = Map.of("id", id, "contact", new JsonArray(contact).encode());
        return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, UPDATE_CONTACT)
                .mapTo(ACCOUNT).execute(params)).map(PgAccountStore::first)
                .andThen(done -> cache.invalidate(id));
    }

    /** valid → deactivated (RFC 8555 §7.3.6); empty when the account was not valid. */
    public Future<Optional<Account>> deactivate(String id) {
        return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, DEACTIVATE)
                .mapTo(ACCOUNT).execute(Map.of("id", id))).map(PgAccountStore::first)
                .andThen(done -> cache.invalidate(id));
    }

    private static Optional<Account> first(RowSet<Account> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }
}
