package org.stica.hsm;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A PKCS#11 token: the module library, the token by label (or slot id), and the user PIN (from
 * the environment or a file; never logged). {@code maxSessions} bounds concurrent signatures.
 *
 * <p>Exactly one of {@code tokenLabel} and {@code slot} must be present: selecting "the first
 * slot" by default could silently use the wrong token. {@link #toString()} masks the PIN.
 */
public record Pkcs11Config(Path library, Optional<String> tokenLabel, OptionalLong slot, char[] pin,
                           int maxSessions) {

    /** PKCS#11 token labels are 32 bytes, blank padded (CK_TOKEN_INFO.label). */
    private static final int MAX_LABEL_LENGTH = 32;

    /**
     * Checks the fields without touching the token.
     *
     * @return this, for chaining
     * @throws IllegalArgumentException naming the first invalid field
     */
    public Pkcs11Config validate() {
        Objects.requireNonNull(tokenLabel, "tokenLabel");
        Objects.requireNonNull(slot, "slot");
        if (library == null || library.toString().isBlank()) {
            throw new IllegalArgumentException("PKCS#11 library path is required");
        }
        if (library.toString().contains("\"") || library.toString().contains("\n")) {
            throw new IllegalArgumentException("PKCS#11 library path must not contain quotes or"
                    + " line breaks");
        }
        if (tokenLabel.isPresent() == slot.isPresent()) {
            throw new IllegalArgumentException("configure exactly one of the PKCS#11 token label"
                    + " and the slot id");
        }
        tokenLabel.ifPresent(Pkcs11Config::checkLabel);
        if (slot.isPresent() && (slot.getAsLong() < 0 || slot.getAsLong() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("PKCS#11 slot id out of range: " + slot.getAsLong());
        }
        if (pin == null || pin.length == 0) {
            throw new IllegalArgumentException("PKCS#11 user PIN is required");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1, got "
                    + maxSessions);
        }
        return this;
    }

    private static void checkLabel(String label) {
        if (label.isBlank() || label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("PKCS#11 token label must be 1 to "
                    + MAX_LABEL_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "Pkcs11Config[library=" + library + ", tokenLabel=" + tokenLabel + ", slot=" + slot
                + ", pin=****, maxSessions=" + maxSessions + "]";
    }
}
