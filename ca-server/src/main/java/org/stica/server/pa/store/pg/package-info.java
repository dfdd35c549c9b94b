/**
 * SQL for the STI-PA role tables of {@code db/pa}: the SP registry and issued CA lists, the PA
 * signer revocations, and the SP logins with their access tokens and failed-login rate.
 */
package org.stica.server.pa.store.pg;
