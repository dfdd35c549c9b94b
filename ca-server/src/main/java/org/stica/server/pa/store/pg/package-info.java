/** SQL for the STI-PA role tables of {@code db/pa}: the SP registry and issued CA lists. */
package org.stica.server.pa.store.pg;
