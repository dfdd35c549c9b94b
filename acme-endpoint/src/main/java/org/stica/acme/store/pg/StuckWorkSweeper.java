package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.problem.Problem;
import org.stica.acme.problem.ProblemType;

/**
 * Closes ACME work that a crash interrupted: a challenge or an order left at {@code processing}
 * for longer than {@code stuckAfter} (a validation or finalization takes well under a second)
 * becomes {@code invalid} with a {@code serverInternal} problem that tells the client to start
 * again, and the challenge's authorization and order become invalid as on any failed validation
 * (RFC 8555 §7.1.6), so no client polls a resource that will never change. Runs in one
 * transaction, on every instance (the updates are idempotent).
 */
public final class StuckWorkSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(StuckWorkSweeper.class);
    private static final String CHALLENGES = "UPDATE acme_challenge SET status = 'invalid',"
            + " error = #{error} WHERE status = 'processing' AND coalesce(processing_since,"
            + " '-infinity') < now() - make_interval(secs => #{seconds}) RETURNING authz_id";
    private static final String AUTHZS = "UPDATE acme_authz SET status = 'invalid'"
            + " WHERE id = ANY(#{ids}) AND status = 'pending' RETURNING order_id";
    private static final String ORDERS_OF_AUTHZS = "UPDATE acme_order SET status = 'invalid',"
            + " error = #{error} WHERE id = ANY(#{ids}) AND status IN ('pending', 'ready')";
    private static final String ORDERS = "UPDATE acme_order SET status = 'invalid',"
            + " error = #{error} WHERE status = 'processing' AND coalesce(processing_since,"
            + " '-infinity') < now() - make_interval(secs => #{seconds})";

    private final Vertx vertx;
    private final Pool pool;
    private final Duration stuckAfter;
    private long timer = -1;

    public StuckWorkSweeper(Vertx vertx, Pool pool, Duration stuckAfter) {
        this.vertx = vertx;
        this.pool = pool;
        this.stuckAfter = stuckAfter;
    }

    /** What one sweep closed. */
    public record Swept(int challenges, int orders) {
    }

    /** Sweeps now and then every {@code period}. */
    public void start(Duration period) {
        sweepLogged();
        timer = vertx.setPeriodic(period.toMillis(), id -> sweepLogged());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void sweepLogged() {
        sweep().onSuccess(swept -> {
            if (swept.challenges() + swept.orders() > 0) {
                LOG.warn("closed work interrupted while processing: {} challenge(s), {} order(s)",
                        swept.challenges(), swept.orders());
            }
        }).onFailure(e -> LOG.warn("sweeping interrupted ACME work failed: {}", e.getMessage()));
    }

    /** Invalidates what has been processing longer than {@code stuckAfter}. */
    public Future<Swept> sweep() {
        double seconds = stuckAfter.toMillis() / 1000.0;
        String challengeError = problem("the validation of this challenge was interrupted;"
                + " create a new order to try again");
        String orderError = problem("the finalization of this order was interrupted and no"
                + " certificate was issued; create a new order to try again");
        return pool.withTransaction(conn -> SqlTemplate.forQuery(conn, CHALLENGES)
                .execute(Map.of("error", challengeError, "seconds", seconds))
                .compose(challenges -> {
                    String[] authzs = column(challenges, "authz_id");
                    return SqlTemplate.forQuery(conn, AUTHZS).execute(Map.of("ids", authzs))
                            .compose(updated -> SqlTemplate.forUpdate(conn, ORDERS_OF_AUTHZS)
                                    .execute(Map.of("ids", column(updated, "order_id"),
                                            "error", challengeError)))
                            .compose(v -> SqlTemplate.forUpdate(conn, ORDERS)
                                    .execute(Map.of("error", orderError, "seconds", seconds)))
                            .map(orders -> new Swept(authzs.length, orders.rowCount()));
                }));
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

    private static String problem(String detail) {
        ProblemType type = ProblemType.SERVER_INTERNAL;
        return new Problem(type.uri(), detail, type.defaultStatus(), Optional.empty()).toJson()
                .encode();
    }
}
