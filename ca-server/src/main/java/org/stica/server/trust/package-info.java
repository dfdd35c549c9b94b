/**
 * The CA's managed trust in the STI-PA (STANDARDS.md §3.5 step 4, §4.2, §4.3): trusted STI-PA
 * roots (admin API, seeded from {@code pa.trustAnchors}), the STI-PA CRL and the approved STI-CA
 * list downloaded, verified and kept as last good copies in PostgreSQL, and the
 * {@link org.stica.policy.trust.TrustSnapshot} every instance reloads from there.
 */
package org.stica.server.trust;
