/**
 * SPC (TNAuthList authority) tokens: x5u allow-list, parsing and fail-closed verification
 * (RFC 9447, RFC 9448 §5-§6), account-key fingerprints, and the replay port.
 */
package org.stica.policy.token;
