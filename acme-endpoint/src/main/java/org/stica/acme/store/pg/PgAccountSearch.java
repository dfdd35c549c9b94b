package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.stica.acme.model.Account;
import org.stica.acme.model.AccountStatus;

/**
 * Read-only listing of {@code acme_account} for administrators (issue 6): filter by status, by
 * the service provider an external account binding named ({@code eab_label}, the SPC) and by
 * creation time, newest first, paged with {@code offset}/{@code limit}.
 */
public final class PgAccountSearch {
    /** The largest page. */
    public static final int MAX_LIMIT = 500;

    private static final String SEARCH = "SELECT " + PgAccountStore.COLUMNS
            + " FROM acme_account"
            + " WHERE (#{status}::text IS NULL OR status = #{status})"
            + " AND (#{spc}::text IS NULL OR eab_label = #{spc})"
            + " AND (#{since}::timestamptz IS NULL OR created_at >= #{since})"
            + " ORDER BY created_at DESC, id OFFSET #{offset} LIMIT #{limit}";

    /** One page request; {@code spc} matches the EAB label the account was bound with. */
    public record Query(Optional<AccountStatus> status, Optional<String> spc,
                        Optional<Instant> since, int offset, int limit) {
        public Query {
            if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("offset must be >= 0 and limit 1-"
                        + MAX_LIMIT);
            }
        }
    }

    private final Pool pool;

    public PgAccountSearch(Pool pool) {
        this.pool = pool;
    }

    public Future<List<Account>> search(Query query) {
        Map<String, Object> params = new HashMap<>();
        params.put("status", query.status().map(AccountStatus::wire).orElse(null));
        params.put("spc", query.spc().orElse(null));
        params.put("since", query.since().map(SqlValues::time).orElse(null));
        params.put("offset", query.offset());
        params.put("limit", query.limit());
        return SqlTemplate.forQuery(pool, SEARCH).mapTo(PgAccountStore.ACCOUNT).execute(params)
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
    }
}
