package org.stica.acme.store.pg;

import io.vertx.sqlclient.Row;
import org.stica.acme.model.Authz;
import org.stica.acme.model.AuthzStatus;
import org.stica.acme.model.Challenge;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.Order;
import org.stica.acme.model.OrderStatus;
import org.stica.policy.token.TokenType;

/**
 * Reads orders, authorizations and challenges from rows whose columns may carry a prefix, so one
 * statement can join an order with its authorizations, or an authorization with its challenges,
 * and return both in one round trip (the joined table's columns are aliased, e.g. {@code a_id}).
 * The column lists are the constants the statements select.
 */
final class AcmeRows {
    static final String ORDER_COLUMNS = "id, account_id, status, expires_at, identifier_value,"
            + " identifier_der, spc, not_before, not_after, error, certificate_id, x5u, profile,"
            + " replaces";
    static final String AUTHZ_COLUMNS = "id, order_id, account_id, status, expires_at,"
            + " identifier_value, identifier_der, token_expires_at, token_ca, identifier_type";
    static final String CHALLENGE_COLUMNS = "id, authz_id, token, status, validated_at, error";

    private AcmeRows() {
    }

    /** {@code columns} as {@code alias.column AS prefixcolumn, ...} for a join. */
    static String aliased(String columns, String alias, String prefix) {
        StringBuilder sql = new StringBuilder();
        for (String column : columns.split(",")) {
            String name = column.trim();
            if (sql.length() > 0) {
                sql.append(", ");
            }
            sql.append(alias).append('.').append(name).append(" AS ").append(prefix).append(name);
        }
        return sql.toString();
    }

    static Order order(Row row, String prefix) {
        return new Order(row.getString(prefix + "id"), row.getString(prefix + "account_id"),
                OrderStatus.fromWire(row.getString(prefix + "status")),
                SqlValues.instant(row, prefix + "expires_at"),
                row.getString(prefix + "identifier_value"),
                SqlValues.bytes(row, prefix + "identifier_der"), row.getString(prefix + "spc"),
                SqlValues.optionalInstant(row, prefix + "not_before"),
                SqlValues.optionalInstant(row, prefix + "not_after"),
                SqlValues.optionalString(row, prefix + "error"),
                SqlValues.optionalString(row, prefix + "certificate_id"),
                SqlValues.optionalString(row, prefix + "x5u"), row.getString(prefix + "profile"),
                SqlValues.optionalString(row, prefix + "replaces"));
    }

    static Authz authz(Row row, String prefix) {
        return new Authz(row.getString(prefix + "id"), row.getString(prefix + "order_id"),
                row.getString(prefix + "account_id"),
                AuthzStatus.fromWire(row.getString(prefix + "status")),
                SqlValues.instant(row, prefix + "expires_at"),
                row.getString(prefix + "identifier_value"),
                SqlValues.bytes(row, prefix + "identifier_der"),
                SqlValues.optionalInstant(row, prefix + "token_expires_at"),
                row.getBoolean(prefix + "token_ca"),
                TokenType.fromWire(row.getString(prefix + "identifier_type")).orElseThrow());
    }

    static Challenge challenge(Row row, String prefix) {
        return new Challenge(row.getString(prefix + "id"), row.getString(prefix + "authz_id"),
                row.getString(prefix + "token"),
                ChallengeStatus.fromWire(row.getString(prefix + "status")),
                SqlValues.optionalInstant(row, prefix + "validated_at"),
                SqlValues.optionalString(row, prefix + "error"));
    }

    /** Whether a LEFT JOIN found a row of the joined table (its id is not null). */
    static boolean present(Row row, String prefix) {
        return row.getString(prefix + "id") != null;
    }
}
