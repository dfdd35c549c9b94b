/**
 * The CA's trust in the STI-PA, without I/O (STANDARDS.md §3.5 step 4, §4.2, §4.3): the
 * {@link org.stica.policy.trust.TrustSnapshot} every token verification reads, the STI-PA CRL
 * check and the signed CA-list check (anti-rollback).
 */
package org.stica.policy.trust;
