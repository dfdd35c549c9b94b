package org.stica.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Typed reads of {@link RawConfig} values; every parse error names the key. */
final class ConfigReader {
    private final RawConfig raw;

    ConfigReader(RawConfig raw) {
        this.raw = raw;
    }

    String string(ConfigKey key) {
        return raw.get(key).orElseThrow(() -> key.invalid("is required"));
    }

    Optional<String> optional(ConfigKey key) {
        return raw.get(key);
    }

    Optional<Secret> secret(ConfigKey key) {
        return raw.get(key).map(Secret::of);
    }

    /** An integer in {@code [min, max]}; the message quotes the bad value (never for secrets). */
    int intIn(ConfigKey key, int min, int max) {
        String value = string(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range value
        }
        throw key.invalid(rangeProblem(min, max, value));
    }

    /** A TCP port 1-65535, or 0 for "any free port" (used by tests). */
    int port(ConfigKey key) {
        String value = string(key);
        if ("0".equals(value)) {
            return 0;
        }
        return intIn(key, 1, 65535);
    }

    OptionalLong optionalLong(ConfigKey key) {
        Optional<String> value = raw.get(key);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed >= 0) {
                return OptionalLong.of(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw key.invalid("must be a non-negative integer, got '" + value.get() + "'");
    }

    Optional<Path> path(ConfigKey key) {
        return raw.get(key).map(Path::of);
    }

    /** An optional path that, when set, must be a readable file. */
    Optional<Path> readableFile(ConfigKey key) {
        Optional<Path> file = path(key);
        file.ifPresent(p -> {
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw key.invalid("names a file that does not exist or cannot be read: '"
                        + p + "'");
            }
        });
        return file;
    }

    /** The first line of a secret file (e.g. a PIN file), trailing newline removed. */
    Optional<Secret> secretFile(ConfigKey key) {
        Optional<Path> file = readableFile(key);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            String content = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
            if (content.isEmpty()) {
                throw key.invalid("names an empty file: '" + file.get() + "'");
            }
            return Optional.of(Secret.of(content));
        } catch (IOException e) {
            throw key.invalid("cannot be read: '" + file.get() + "'");
        }
    }

    List<String> list(ConfigKey key) {
        return raw.get(key)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    static String rangeProblem(int min, int max, Object value) {
        return "must be " + min + "-" + max + ", got '" + value + "'";
    }
}
