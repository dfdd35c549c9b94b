package org.stica.server.issuance;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The revocation reasons this CA accepts (RFC 5280 §5.3.1; STANDARDS.md §6.2.6): unspecified (0),
 * keyCompromise (1), affiliationChanged (3), superseded (4), cessationOfOperation (5),
 * privilegeWithdrawn (9). Never certificateHold (6), value 7, removeFromCRL (8) or aACompromise
 * (10), and cACompromise (2) is not for end entities.
 */
public final class RevocationReasons {
    private static final Map<String, Integer> BY_NAME = Map.of(
            "unspecified", 0, "keyCompromise", 1, "affiliationChanged", 3, "superseded", 4,
            "cessationOfOperation", 5, "privilegeWithdrawn", 9);
    private static final Set<Integer> ALLOWED = Set.copyOf(BY_NAME.values());

    private RevocationReasons() {
    }

    public static boolean allowed(int code) {
        return ALLOWED.contains(code);
    }

    /** The RFC 5280 name of an accepted reason code, if it is one. */
    public static Optional<String> nameOf(int code) {
        return BY_NAME.entrySet().stream().filter(e -> e.getValue() == code)
                .map(Map.Entry::getKey).findFirst();
    }

    /** The code of an RFC 5280 reason name, if it is one this CA accepts. */
    public static Optional<Integer> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
