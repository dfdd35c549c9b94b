/**
 * SQL for the admin tables ({@code admin_api_key}, {@code admin_approval}; db/admin), and the
 * admin API's read-only reports over ca-server's other tables: certificate search and the hourly
 * activity counts ({@code certificate}, {@code audit_event}).
 */
package org.stica.server.admin.store.pg;
