/** SPC (TNAuthList authority) tokens: parsing and fail-closed verification (RFC 9447, RFC 9448 §5-§6). */
package org.stica.policy.token;
