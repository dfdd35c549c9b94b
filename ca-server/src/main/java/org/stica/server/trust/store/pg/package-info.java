/** SQL for the {@code db/pa} trust tables: anchors, the last good STI-PA CRL and CA list. */
package org.stica.server.trust.store.pg;
