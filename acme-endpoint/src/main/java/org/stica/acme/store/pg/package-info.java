/**
 * SQL for the ACME tables ({@code acme_nonce_key}, {@code acme_nonce_used},
 * {@code acme_account}, {@code acme_order}, {@code acme_authz}, {@code acme_challenge},
 * {@code acme_certificate}; migrations in {@code db/acme}). SQL strings and row mappers are
 * constants; parameters are named ({@code SqlTemplate}); every state change of several
 * statements runs in {@code pool.withTransaction} (a single statement, such as a nonce
 * redemption, is its own transaction and saves the BEGIN/COMMIT round trips) and moves a row
 * only from the status it must be in (RFC 8555 §7.1.6), so concurrent requests cannot skip a
 * step.
 * The only package of this module that imports {@code io.vertx.sqlclient}.
 */
package org.stica.acme.store.pg;
