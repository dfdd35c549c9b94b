/**
 * The admin REST API (issue 6): bearer API keys with roles ({@link
 * org.stica.server.admin.AdminRouteTable}), dual control of sensitive operations, the OpenAPI
 * 3.1 contract, and the routes for API keys, approvals, audit events, configuration,
 * certificates, CA keys, subscriber webhooks, health and revocation. Errors are RFC 9457 problem
 * documents.
 */
package org.stica.server.admin;
