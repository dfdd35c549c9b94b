/**
 * The admin REST API (bearer token, RFC 9457 problems): health and revocation by serial.
 */
package org.stica.server.admin;
