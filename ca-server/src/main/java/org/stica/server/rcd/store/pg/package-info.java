/** PostgreSQL storage of vetted RCD sets ({@code rcd_set}, migrations in {@code db/rcd}). */
package org.stica.server.rcd.store.pg;
