package org.stica.server.config;

import java.util.Arrays;

/**
 * A secret configuration value (PIN, admin token, password). {@link #toString()} is redacted so
 * records holding one can be logged safely; {@link #chars()} hands out a copy.
 */
public final class Secret {
    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    public static Secret of(char[] value) {
        return new Secret(value);
    }

    /** A copy of the secret characters. */
    public char[] chars() {
        return value.clone();
    }

    /** The secret as a string, for APIs that need one (e.g. a database password). */
    public String reveal() {
        return new String(value);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
