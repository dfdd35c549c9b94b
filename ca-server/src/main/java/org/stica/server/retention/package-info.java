/**
 * The data lifecycle (issue 14): {@link org.stica.server.retention.RetentionSweeper} deletes, in
 * small batches and on one instance at a time, ACME orders past their retention, used nonces and
 * SPC token jtis that can no longer be redeemed, and CRL history past its configured retention.
 * The SQL lives in each owning module's store ({@code PgAcmeRetention}, {@code PgCrlRetention},
 * {@code PgTokenUseRetention}); certificates, revocations, accounts and the audit log are never
 * purged.
 */
package org.stica.server.retention;
