package org.stica.server.pa.login;

import java.time.Instant;

/** An access token as recorded (never the token itself, only its id). */
public record AccessToken(String id, String spc, Instant issuedAt, Instant expiresAt,
                          String clientAddress) {
}
