/** CSR policy for TNAuthList orders (RFC 8555 §7.4, RFC 9448 §6, STANDARDS.md §3.6). */
package org.stica.policy.csr;
