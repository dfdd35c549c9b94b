package org.stica.server.pa.login;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Argon2id password hashes in PHC form (RFC 9106; the SP login, STANDARDS.md §4.1 item 2). */
class PasswordHasherTest {
    private static Vertx vertx;
    private static WorkerExecutor workers;
    private static PasswordHasher hasher;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        workers = vertx.createSharedWorkerExecutor("test-pa-login", 1);
        hasher = new PasswordHasher(workers);
    }

    @AfterAll
    static void tearDown() {
        workers.close().await();
        vertx.close().await();
    }

    @Test
    void hash_isArgon2idPhcWithCostAndFreshSalt() {
        String one = hasher.hash("correct horse").await();
        String two = hasher.hash("correct horse").await();

        assertTrue(one.matches("^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}"
                + "\\$[A-Za-z0-9+/]{43}$"), one);
        assertNotEquals(one, two, "each hash has its own salt");
    }

    @Test
    void verify_rightPassword_matchesAndAnyOtherDoesNot() {
        String phc = hasher.hash("correct horse").await();

        assertTrue(hasher.verify("correct horse", Optional.of(phc)).await());
        assertFalse(hasher.verify("correct horsf", Optional.of(phc)).await());
        assertFalse(hasher.verify("", Optional.of(phc)).await());
    }

    @Test
    void verify_noStoredHash_neverMatches() {
        // an unknown user id is checked against a dummy hash: same cost, never a match
        assertFalse(hasher.verify("no-such-user-0", Optional.empty()).await());
    }

    @Test
    void matches_tamperedOrForeignHash_isFalse() {
        String phc = PasswordHasher.hashNow("secret");
        String tampered = phc.substring(0, phc.length() - 2)
                + (phc.endsWith("AA") ? "BB" : "AA");

        assertFalse(PasswordHasher.matches("secret", tampered));
        assertFalse(PasswordHasher.matches("secret", phc.replace("argon2id", "argon2i")));
        assertFalse(PasswordHasher.matches("secret", "plain text"));
    }
}
