/**
 * ACME resources as immutable values and their status enums (RFC 8555 §7.1, §7.1.6). Effective
 * statuses take expiry into account ({@code statusAt(now)}), so an expired order or authorization
 * is never treated as usable.
 */
package org.stica.acme.model;
