/**
 * The admin API contract: the OpenAPI 3.1 document ({@code openapi/admin-v1.json}), served at
 * {@code /admin/v1/openapi.json} and loaded by vertx-openapi, whose request validator checks
 * every admin request before it reaches a handler.
 */
package org.stica.server.admin.contract;
