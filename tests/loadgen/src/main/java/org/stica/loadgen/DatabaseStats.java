package org.stica.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the server's PostgreSQL database did within the measured window, per issuance: the
 * statements (pg_stat_statements: calls, execution time, WAL records, shared buffers touched),
 * the row operations per table (pg_stat_user_tables: inserts, updates, HOT updates, deletes)
 * and the WAL the whole cluster wrote. Read as differences of two snapshots, so nothing is
 * reset. pg_stat_statements must be preloaded and its view must exist in the database named
 * (CREATE EXTENSION pg_stat_statements); the table counters are flushed by PostgreSQL's backends
 * about once a second, so they lag the window's edges by that much.
 */
final class DatabaseStats {
    private static final String STATEMENTS = "SELECT queryid, calls, total_exec_time,"
            + " wal_records, shared_blks_hit + shared_blks_read AS blocks,"
            + " left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query"
            + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database"
            + " WHERE datname = current_database()) AND toplevel"
            // not these snapshots' own queries
            + " AND query NOT LIKE '%pg_stat_%' AND query NOT LIKE '%pg_current_wal_lsn%'";
    private static final String TABLES = "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd,"
            + " n_tup_del FROM pg_stat_user_tables";
    private static final String WAL = "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn AS lsn";
    private static final int TOP = 10;

    private final Pool pool;
    private Snapshot start;
    private Snapshot end;

    private record Statement(long calls, double execMs, long walRecords, long blocks,
                             String query) {
    }

    private record Snapshot(Map<Long, Statement> statements, Map<String, long[]> tables,
                            double walBytes) {
    }

    /** @param url the server's database, e.g. postgresql://postgres@127.0.0.1:5432/stica */
    DatabaseStats(Vertx vertx, String url) {
        this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                .connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
    }

    void start() throws Exception {
        start = snapshot();
    }

    void finish() throws Exception {
        try {
            end = snapshot();
        } finally {
            pool.close().await(10, TimeUnit.SECONDS);
        }
    }

    private Snapshot snapshot() throws Exception {
        Map<Long, Statement> statements = new HashMap<>();
        for (Row row : pool.query(STATEMENTS).execute().await(10, TimeUnit.SECONDS)) {
            statements.put(row.getLong("queryid"), new Statement(row.getLong("calls"),
                    row.getDouble("total_exec_time"), row.getLong("wal_records"),
                    row.getLong("blocks"), row.getString("query")));
        }
        Map<String, long[]> tables = new HashMap<>();
        for (Row row : pool.query(TABLES).execute().await(10, TimeUnit.SECONDS)) {
            tables.put(row.getString("relname"), new long[] {row.getLong("n_tup_ins"),
                    row.getLong("n_tup_upd"), row.getLong("n_tup_hot_upd"),
                    row.getLong("n_tup_del")});
        }
        double wal = pool.query(WAL).execute().await(10, TimeUnit.SECONDS).iterator().next()
                .getNumeric("lsn").doubleValue();
        return new Snapshot(statements, tables, wal);
    }

    /** The window's statements, most execution time first; a statement new in it counts whole. */
    private List<Statement> statements() {
        List<Statement> delta = new ArrayList<>();
        end.statements().forEach((id, after) -> {
            Statement before = start.statements().getOrDefault(id,
                    new Statement(0, 0, 0, 0, after.query()));
            if (after.calls() > before.calls()) {
                delta.add(new Statement(after.calls() - before.calls(),
                        after.execMs() - before.execMs(), after.walRecords() - before.walRecords(),
                        after.blocks() - before.blocks(), after.query()));
            }
        });
        delta.sort(Comparator.comparingDouble(Statement::execMs).reversed());
        return delta;
    }

    JsonObject json(long issuances) {
        double n = Math.max(1, issuances);
        List<Statement> statements = statements();
        JsonArray top = new JsonArray();
        statements.stream().limit(TOP).forEach(s -> top.add(new JsonObject()
                .put("callsPerIssuance", s.calls() / n).put("execMsPerIssuance", s.execMs() / n)
                .put("walRecordsPerIssuance", s.walRecords() / n)
                .put("blocksPerCall", (double) s.blocks() / s.calls()).put("query", s.query())));
        JsonObject tables = new JsonObject();
        end.tables().forEach((name, after) -> {
            long[] before = start.tables().getOrDefault(name, new long[4]);
            if (after[0] + after[1] + after[3] > before[0] + before[1] + before[3]) {
                tables.put(name, new JsonObject().put("inserts", (after[0] - before[0]) / n)
                        .put("updates", (after[1] - before[1]) / n)
                        .put("hotUpdates", (after[2] - before[2]) / n)
                        .put("deletes", (after[3] - before[3]) / n));
            }
        });
        return new JsonObject()
                .put("statementsPerIssuance", statements.stream().mapToLong(Statement::calls)
                        .sum() / n)
                .put("execMsPerIssuance", statements.stream().mapToDouble(Statement::execMs)
                        .sum() / n)
                .put("walRecordsPerIssuance", statements.stream()
                        .mapToLong(Statement::walRecords).sum() / n)
                .put("walBytesPerIssuance", (end.walBytes() - start.walBytes()) / n)
                .put("topStatements", top).put("tablesPerIssuance", tables);
    }

    /** {@code json}, as {@link #json} made it, as lines of text. */
    static String text(JsonObject json) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "database statements"
                        + " per issuance: %.2f, execution %.3f ms, WAL records %.1f (statements),"
                        + " WAL bytes %.0f (cluster)%n", json.getDouble("statementsPerIssuance"),
                json.getDouble("execMsPerIssuance"), json.getDouble("walRecordsPerIssuance"),
                json.getDouble("walBytesPerIssuance")));
        out.append(String.format(Locale.ROOT, "%9s %11s %8s %8s  %s%n", "calls/iss",
                "exec_ms/iss", "wal/iss", "blk/call", "statement"));
        for (Object o : json.getJsonArray("topStatements")) {
            JsonObject s = (JsonObject) o;
            out.append(String.format(Locale.ROOT, "%9.2f %11.3f %8.1f %8.1f  %s%n",
                    s.getDouble("callsPerIssuance"), s.getDouble("execMsPerIssuance"),
                    s.getDouble("walRecordsPerIssuance"), s.getDouble("blocksPerCall"),
                    s.getString("query").substring(0, Math.min(90, s.getString("query")
                            .length()))));
        }
        out.append("rows per issuance (table: inserts/updates/HOT updates/deletes):");
        json.getJsonObject("tablesPerIssuance").forEach(e -> {
            JsonObject t = (JsonObject) e.getValue();
            out.append(String.format(Locale.ROOT, " %s %.2f/%.2f/%.2f/%.2f;", e.getKey(),
                    t.getDouble("inserts"), t.getDouble("updates"), t.getDouble("hotUpdates"),
                    t.getDouble("deletes")));
        });
        return out.append(System.lineSeparator()).toString();
    }
}
