package org.stica.server.pa.login;

/** The login a user id names: its SP and the Argon2id PHC string of the password. */
public record StoredLogin(String spc, String userId, String passwordHash) {
}
