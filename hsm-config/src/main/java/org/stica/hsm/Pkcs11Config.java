package org.stica.hsm;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A PKCS#11 token: the module library, the token by label (or slot id), and the user PIN (from
 * the environment or a file; never logged). {@code maxSessions} bounds concurrent signatures.
 */
public record Pkcs11Config(Path library, Optional<String> tokenLabel, OptionalLong slot, char[] pin,
                           int maxSessions) {
}
