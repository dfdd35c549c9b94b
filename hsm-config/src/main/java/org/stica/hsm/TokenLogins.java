package org.stica.hsm;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the open {@link Pkcs11KeyVault}s per token in this JVM. A PKCS#11 login belongs to the
 * application, not to a session (PKCS#11 v2.40 §2.6.7: all sessions of an application share one
 * login state), so a vault that logs out would also log out every other vault on the same token.
 * Only the last vault to close may log out.
 */
final class TokenLogins {
    private static final Map<String, Integer> OPEN = new HashMap<>();

    private TokenLogins() {
    }

    /** Records one more open vault on {@code token}. */
    static synchronized void acquire(String token) {
        OPEN.merge(token, 1, Integer::sum);
    }

    /** Records a closed vault; true when it was the last one on {@code token}. */
    static synchronized boolean release(String token) {
        Integer remaining = OPEN.computeIfPresent(token, (key, count) -> count > 1 ? count - 1
                : null);
        return remaining == null;
    }
}
