/**
 * PostgreSQL access for ca-server's own tables ({@code ca_key}, {@code certificate},
 * {@code spc_token_use}) with SqlTemplate and named parameters, their retention purge and its
 * advisory lock; the only package of ca-server that imports {@code io.vertx.sqlclient}.
 */
package org.stica.server.store.pg;
