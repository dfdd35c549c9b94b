/**
 * The factories {@link org.stica.server.StiCaServer} assembles the server from (ARCHITECTURE.md
 * §7): each builds one part (keys, database state, CRL and ARL, issuance, trust and token
 * validation, ACME, the public and admin sites, the HTTP listeners) and returns an immutable
 * record of what it built. None of them starts or registers anything: the root registers every
 * part in its {@link org.stica.server.lifecycle.Lifecycle} as it starts it.
 */
package org.stica.server.wiring;
