package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stica.acme.model.Authz;
import org.stica.acme.model.AuthzStatus;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.Order;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.support.Await;

/**
 * Rows of the ACME tables written and read directly with SQL, so a store test can start from any
 * state (including ones the HTTP flow cannot reach, such as an order with two authorizations)
 * and check exactly what a statement changed.
 */
final class StoreFixtures {
    static final byte[] DER = {0x30, 0x00};

    private final Pool pool;

    StoreFixtures(Pool pool) {
        this.pool = pool;
    }

    void account(String id) {
        sql("INSERT INTO acme_account (id, thumbprint, jwk, status, created_at)"
                + " VALUES ($1, $1, '{}', 'valid', now())", Tuple.of(id));
    }

    void order(String id, String account, String status) {
        sql("INSERT INTO acme_order (id, account_id, status, expires_at, identifier_value,"
                + " identifier_der, spc, created_at) VALUES ($1, $2, $3,"
                + " now() + interval '1 hour', '1234', '\\x3000', '1234', now())",
                Tuple.of(id, account, status));
    }

    void authz(String id, String order, String account, String status) {
        sql("INSERT INTO acme_authz (id, order_id, account_id, status, expires_at,"
                + " identifier_value, identifier_der) VALUES ($1, $2, $3, $4,"
                + " now() + interval '1 hour', '1234', '\\x3000')",
                Tuple.of(id, order, account, status));
    }

    void challenge(String id, String authz, String status) {
        sql("INSERT INTO acme_challenge (id, authz_id, type, token, status)"
                + " VALUES ($1, $2, 'tkauth-01', 'tok', $3)", Tuple.of(id, authz, status));
    }

    String status(String table, String id) {
        return value("SELECT status FROM " + table + " WHERE id = $1", id);
    }

    String value(String query, String id) {
        Row row = Await.result(pool.preparedQuery(query).execute(Tuple.of(id)))
                .iterator().next();
        return row.getValue(0) == null ? null : String.valueOf(row.getValue(0));
    }

    Instant instant(String query, String id) {
        return Await.result(pool.preparedQuery(query).execute(Tuple.of(id))).iterator().next()
                .getOffsetDateTime(0).toInstant();
    }

    long count(String query, String id) {
        return Long.parseLong(value(query, id));
    }

    long count(String query) {
        return Await.result(pool.query(query).execute()).iterator().next().getLong(0);
    }

    /** The challenge as the store would see it (status as given, ids as stored). */
    static Challenge challengeValue(String id, String authz, ChallengeStatus status) {
        return new Challenge(id, authz, "tok", status, Optional.empty(), Optional.empty());
    }

    static Authz authzValue(String id, String order, String account) {
        return new Authz(id, order, account, AuthzStatus.PENDING, Instant.now().plusSeconds(3600),
                "1234", DER, Optional.empty(), false);
    }

    static Order orderValue(String id, String account) {
        return new Order(id, account, OrderStatus.PENDING, Instant.now().plusSeconds(3600),
                "1234", DER, "1234", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Waits until every future completed, whether it succeeded or failed. */
    static void settle(List<? extends Future<?>> futures) {
        Await.result(Future.join(new ArrayList<>(futures)).otherwiseEmpty());
    }

    /** Waits for {@code future}; its failure, or null when it succeeded. */
    static Throwable failure(Future<?> future) {
        settle(List.of(future));
        return future.failed() ? future.cause() : null;
    }

    /** How many of the (completed) futures succeeded. */
    static long succeeded(List<? extends Future<?>> futures) {
        return futures.stream().filter(Future::succeeded).count();
    }

    /**
     * Tables that the generic plan of a {@code SqlTemplate} statement (the plan PostgreSQL keeps
     * for a prepared statement) reads with a sequential scan: a statement whose cost must not
     * grow with a table has none on it. Rolled back, so nothing the statement would write stays.
     */
    Set<String> sequentialScans(String templateSql) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Matcher names = Pattern.compile("#\\{(\\w+)}").matcher(templateSql);
        String sql = names.replaceAll(m -> "\\$" + numbers.computeIfAbsent(m.group(1),
                name -> numbers.size() + 1));
        String nulls = String.join(", ", Collections.nCopies(numbers.size(), "NULL"));
        String plan = Await.result(pool.withTransaction(conn -> conn
                .query("SET LOCAL plan_cache_mode = force_generic_plan").execute()
                .compose(ignored -> conn.query("PREPARE planned AS " + sql).execute())
                .compose(ignored -> conn.query("EXPLAIN (FORMAT JSON) EXECUTE planned("
                        + nulls + ")").execute())
                .compose(rows -> conn.query("DEALLOCATE planned").execute()
                        .map(ignored -> rows.iterator().next().getValue(0).toString()))));
        Set<String> tables = new TreeSet<>();
        collectSequentialScans(new JsonArray(plan).getJsonObject(0).getJsonObject("Plan"),
                tables);
        return tables;
    }

    private static void collectSequentialScans(JsonObject node, Set<String> tables) {
        if ("Seq Scan".equals(node.getString("Node Type"))) {
            tables.add(node.getString("Relation Name"));
        }
        JsonArray children = node.getJsonArray("Plans", new JsonArray());
        for (int i = 0; i < children.size(); i++) {
            collectSequentialScans(children.getJsonObject(i), tables);
        }
    }

    /** Runs {@code statement} with the single parameter {@code id}. */
    void execute(String statement, String id) {
        sql(statement, Tuple.of(id));
    }

    private void sql(String statement, Tuple params) {
        Await.result(pool.preparedQuery(statement).execute(params));
    }
}
