package org.stica.server.pa.login;

import java.time.Instant;

/** An SP's login as the admin API shows it: never the password or its hash. */
public record SpLogin(String spc, String userId, Instant passwordSetAt, String setBy) {
}
