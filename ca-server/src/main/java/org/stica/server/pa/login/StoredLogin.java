package org.stica.server.pa.login;

/**
 * The login a user id names: its SP, the Argon2id PHC string of the password, and whether the
 * SP is active.
 */
public record StoredLogin(String spc, String userId, String passwordHash, boolean spActive) {
}
