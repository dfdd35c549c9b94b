/**
 * Vetting of Rich Call Data sets (issue 19; RFC 9795): operators record an RCD set for a
 * subscriber, a second operator approves it, and approval fetches the referenced resources under
 * the x5u SSRF rules and stores the {@code rcdi} digests and the JWTClaimConstraints extension
 * ({@link org.stica.server.rcd.RcdVettingService}, {@link org.stica.server.rcd.RcdVettingHandler}).
 * Table {@code rcd_set} in {@code db/rcd}.
 */
package org.stica.server.rcd;
