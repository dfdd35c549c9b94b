package org.stica.acme.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlResult;

/** Checks on statement results that must have touched exactly one row. */
final class StoreResults {
    private StoreResults() {
    }

    /** Fails (rolling back the surrounding transaction) unless exactly one row changed. */
    static Future<Void> expectOne(SqlResult<?> result, String what) {
        return result.rowCount() == 1 ? Future.succeededFuture()
                : Future.failedFuture(new IllegalStateException("illegal transition: " + what));
    }
}
