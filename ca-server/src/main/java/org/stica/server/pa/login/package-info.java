/**
 * The iconectiv-compatible login of the STI-PA role (STANDARDS.md §4.1 item 2, §4.3 item 1):
 * one user id and password per service provider, set by an operator through the admin API and
 * stored as Argon2id; {@code POST /api/v1/auth/login} answers an access token with an expiry,
 * stored only hashed and revocable; failed logins are rate-limited per user id and per client
 * address in PostgreSQL, and every login is audited.
 */
package org.stica.server.pa.login;
