package org.stica.acme.service;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The rules newOrder applies: the SPC pattern, the profiles offered, the per-account order rate
 * limit (RFC 8555 §6.6) and how long orders and authorizations live.
 */
public record OrderRules(Pattern spcPattern, Profiles profiles, int ordersPerHour,
                         Duration orderLifetime, Duration authzLifetime) {
}
