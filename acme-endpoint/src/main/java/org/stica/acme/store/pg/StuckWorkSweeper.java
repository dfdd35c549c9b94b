package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.problem.Problem;
import org.stica.acme.problem.ProblemType;

/**
 * SQL for ACME work that a crash or an unavailable database interrupted. A challenge left at
 * {@code processing} for longer than {@code stuckAfter} (a validation takes well under a second)
 * becomes {@code invalid} with a {@code serverInternal} problem that tells the client to start
 * again, and the challenge's authorization and order become invalid as on any failed validation
 * (RFC 8555 §7.1.6), so no client polls a resource that will never change. Orders left at
 * {@code processing} are only listed: whether a certificate exists for them is for the CA's
 * records to say ({@link org.stica.acme.service.InterruptedWorkService}, issue 14 invariant 2).
 * The updates are conditional and idempotent, so every instance may run them.
 */
public final class StuckWorkSweeper {
    private static final String CHALLENGES = "UPDATE acme_challenge SET status = 'invalid',"
            + " error = #{error} WHERE status = 'processing' AND coalesce(processing_since,"
            + " '-infinity') < now() - make_interval(secs => #{seconds}) RETURNING authz_id";
    private static final String AUTHZS = "UPDATE acme_authz SET status = 'invalid'"
            + " WHERE id = ANY(#{ids}) AND status = 'pending' RETURNING order_id";
    private static final String ORDERS_OF_AUTHZS = "UPDATE acme_order SET status = 'invalid',"
            + " error = #{error} WHERE id = ANY(#{ids}) AND status IN ('pending', 'ready')";
    private static final String STUCK_ORDERS = "SELECT id, account_id, profile FROM acme_order"
            + " WHERE status = 'processing' AND coalesce(processing_since, '-infinity')"
            + " < now() - make_interval(secs => #{seconds}) ORDER BY processing_since"
            + " LIMIT #{limit}";

    private final Pool pool;
    private final Duration stuckAfter;

    public StuckWorkSweeper(Pool pool, Duration stuckAfter) {
        this.pool = pool;
        this.stuckAfter = stuckAfter;
    }

    /** An order processing for longer than the limit, and the profile it was ordered under. */
    public record StuckOrder(String id, String accountId, String profile) {
    }

    /** What closing stuck challenges changed: challenges, and orders, made invalid. */
    public record Closed(int challenges, int orders) {
    }

    /** Invalidates challenges processing longer than {@code stuckAfter}, and their orders. */
    public Future<Closed> closeChallenges() {
        String challengeError = problem("the validation of this challenge was interrupted;"
                + " create a new order to try again");
        return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, CHALLENGES)
                .execute(Map.of("error", challengeError, "seconds", seconds()))
                .compose(challenges -> {
                    String[] authzs = column(challenges, "authz_id");
                    return SqlTemplate.forQuery(conn, AUTHZS).execute(Map.of("ids", authzs))
                            .compose(updated -> SqlTemplate.forUpdate(conn, ORDERS_OF_AUTHZS)
                                    .execute(Map.of("ids", column(updated, "order_id"),
                                            "error", challengeError)))
                            .map(orders -> new Closed(authzs.length, orders.rowCount()));
                }));
    }

    /** At most {@code limit} orders processing longer than {@code stuckAfter}, oldest first. */
    public Future<List<StuckOrder>> stuckOrders(int limit) {
        return SqlTemplate.forQuery(pool, STUCK_ORDERS)
                .execute(Map.of("seconds", seconds(), "limit", limit))
                .map(rows -> {
                    List<StuckOrder> stuck = new ArrayList<>(rows.size());
                    rows.forEach(row -> stuck.add(new StuckOrder(row.getString("id"),
                            row.getString("account_id"), row.getString("profile"))));
                    return stuck;
                });
    }

    private double seconds() {
        return stuckAfter.toMillis() / 1000.0;
    }

    /** The values of {@code name} in the rows an UPDATE ... RETURNING gave back. */
    private static String[] column(RowSet<Row> rows, String name) {
        String[] values = new String[rows.rowCount()];
        int i = 0;
        for (Row row : rows) {
            values[i++] = row.getString(name);
        }
        return values;
    }

    /** A serverInternal problem document with {@code detail}, as stored in an error column. */
    public static String problem(String detail) {
        ProblemType type = ProblemType.SERVER_INTERNAL;
        return new Problem(type.uri(), detail, type.defaultStatus(), Optional.empty()).toJson()
                .encode();
    }
}
