/**
 * Delegate certificates (RFC 9060; STANDARDS.md §2): the encompassing rule (a delegate's
 * TNAuthList within its parent's) and the check of a delegate certificate against its parent.
 */
package org.stica.policy.delegate;
