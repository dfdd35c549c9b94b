package org.stica.acme.store.pg;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL unique-constraint violations (SQLSTATE 23505). */
final class UniqueViolations {
    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    static boolean is(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    /** A unique violation of the constraint named {@code constraint}. */
    static boolean of(Throwable failure, String constraint) {
        return is(failure) && constraint.equals(((PgException) failure).getConstraint());
    }
}
