/**
 * The revocation ecosystem (issue 20; STANDARDS.md §6.1): which CRL the CA's certificates name
 * ({@link org.stica.server.ecosystem.EcosystemCrl}: its own in a private ecosystem, the STI-PA's
 * under the STI-PA) and, under the STI-PA, the reporting of the CA's revocations to the STI-PA
 * ({@link org.stica.server.ecosystem.RevocationReporting}).
 */
package org.stica.server.ecosystem;
