/**
 * STIR/SHAKEN policy with no I/O of its own: TNAuthList codec (RFC 8226), SPC token parsing and
 * verification (RFC 9447/9448), CSR policy, the ATIS-1000080 certificate profile and its lint.
 * Refusals are {@link org.stica.policy.PolicyException}s carrying a
 * {@link org.stica.policy.Violation}.
 */
package org.stica.policy;
