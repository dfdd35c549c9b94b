package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.stica.acme.port.StatementPart;

/**
 * A statement of this module's own CTEs that can carry another module's {@link StatementPart}
 * (issue 18): the part's CTEs follow this module's, and the final SELECT (from {@code select},
 * given what the part's {@code recorded} expression is) reports what the part recorded; without
 * a part it reports 0. One prepared text per kind of part (each kind's SQL is a constant), built
 * the first time that kind is run.
 */
final class PartHostStatement {
    private final Pool pool;
    private final String ctes;
    private final UnaryOperator<String> select;
    private final SqlTemplate<Map<String, Object>, RowSet<Row>> alone;
    private final Map<String, SqlTemplate<Map<String, Object>, RowSet<Row>>> withParts =
            new ConcurrentHashMap<>();

    /**
     * @param ctes   {@code WITH} and this module's CTEs, named as the port that carries the part
     *               promises
     * @param select the final SELECT, given the SQL expression of what the part recorded
     */
    PartHostStatement(Pool pool, String ctes, UnaryOperator<String> select) {
        this.pool = pool;
        this.ctes = ctes;
        this.select = select;
        this.alone = SqlTemplate.forQuery(pool, ctes + select.apply("0"));
    }

    /** Runs the statement with {@code params}, carrying {@code part} (and its parameters). */
    Future<RowSet<Row>> execute(Map<String, Object> params, Optional<StatementPart> part) {
        if (part.isEmpty()) {
            return alone.execute(params);
        }
        StatementPart carried = part.get();
        params.putAll(carried.params());
        return withParts.computeIfAbsent(carried.ctes() + "\n" + carried.recorded(),
                        kind -> SqlTemplate.forQuery(pool, ctes + ", " + carried.ctes()
                                + select.apply(carried.recorded())))
                .execute(params);
    }
}
