/**
 * SQL for the ACME tables ({@code acme_nonce_key}, {@code acme_nonce_used},
 * {@code acme_account}, {@code acme_order}, {@code acme_authz}, {@code acme_challenge},
 * {@code acme_certificate}; migrations in {@code db/acme}). SQL strings and row mappers are
 * constants; parameters are named ({@code SqlTemplate}, built once per store); a state change is
 * atomic and moves a row only from the status it must be in (RFC 8555 §7.1.6), so concurrent
 * requests cannot skip a step. A single statement, such as a nonce redemption or a conditional
 * status UPDATE, is its own transaction and saves the BEGIN/COMMIT round trips; a change of
 * several rows whose steps need no decision in Java (order creation, a challenge's outcome,
 * issuance, deactivation) is one statement of data-modifying CTEs, also atomic, and everything
 * else runs in {@code pool.withTransaction}.
 * The only package of this module that imports {@code io.vertx.sqlclient}.
 */
package org.stica.acme.store.pg;
