package org.stica.server.ceremony;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.stica.hsm.Pkcs11Config;
import org.stica.server.config.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One ceremony's settings (issue 16), from a small YAML file and/or flags (flags win):
 * <pre>
 * offline:                       # the OFFLINE token that holds the root key
 *   library: /usr/lib/softhsm/libsofthsm2.so
 *   tokenLabel: stica-root       # or slot: 3
 *   pinFile: /media/usb/root.pin # or pinEnv: STICA_ROOT_PIN (the variable's name)
 * transcriptDir: ./ceremonies    # default &lt;dataDir&gt;/ceremonies
 * validityDays: 365              # root 7300, intermediate / crl-signer 3650, arl 365
 * </pre>
 * The online token, the database and the CA's names come from the server configuration
 * ({@code hsm.*}, {@code database.url}, {@code ca.*}, {@code publicUrl}). The PIN is read from
 * the file or the variable, never from the YAML itself, and never printed.
 *
 * @param validityDays empty for the ceremony's default
 */
public record CeremonyConfig(Path library, Optional<String> tokenLabel, OptionalLong slot,
                             char[] pin, Optional<Path> transcriptDir,
                             Optional<Integer> validityDays) {
    static final Set<String> KEYS = Set.of("offline.library", "offline.tokenLabel",
            "offline.slot", "offline.pinFile", "offline.pinEnv", "transcriptDir", "validityDays");

    /** The offline token as a {@link Pkcs11Config} (one session: ceremonies sign one by one). */
    public Pkcs11Config offlineToken() {
        return new Pkcs11Config(library, tokenLabel, slot, pin.clone(), 1).validate();
    }

    /** The validity for this ceremony: configured, else {@code defaultDays}. */
    public Duration validity(int defaultDays) {
        return Duration.ofDays(validityDays.orElse(defaultDays));
    }

    /**
     * Reads {@code yaml} (if any), applies {@code flags} (same dotted keys, e.g.
     * {@code offline.tokenLabel}) and validates.
     *
     * @param env where {@code offline.pinEnv} is looked up
     * @throws ConfigException naming the first bad key
     */
    public static CeremonyConfig load(Optional<Path> yaml, Map<String, String> flags,
                                      Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        yaml.ifPresent(file -> flatten("", read(file), values));
        flags.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(key, value.trim());
            }
        });
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("ceremony: unknown key '" + key + "'");
            }
        }
        Path library = Optional.ofNullable(values.get("offline.library")).map(Path::of)
                .orElseThrow(() -> new ConfigException(
                        "ceremony: offline.library (--offline-library) is required"));
        Optional<String> label = Optional.ofNullable(values.get("offline.tokenLabel"));
        OptionalLong slot = Optional.ofNullable(values.get("offline.slot"))
                .map(s -> OptionalLong.of(number("offline.slot", s)))
                .orElse(OptionalLong.empty());
        if (label.isPresent() == slot.isPresent()) {
            throw new ConfigException("ceremony: set exactly one of offline.tokenLabel"
                    + " (--offline-token) and offline.slot");
        }
        char[] pin = pin(values, env);
        Optional<Integer> validity = Optional.ofNullable(values.get("validityDays"))
                .map(v -> (int) number("validityDays", v));
        validity.ifPresent(days -> {
            if (days < 1 || days > 36500) {
                throw new ConfigException("ceremony: validityDays must be 1-36500, got " + days);
            }
        });
        return new CeremonyConfig(library, label, slot, pin,
                Optional.ofNullable(values.get("transcriptDir")).map(Path::of), validity);
    }

    private static char[] pin(Map<String, String> values, Map<String, String> env) {
        String file = values.get("offline.pinFile");
        String variable = values.get("offline.pinEnv");
        if ((file == null) == (variable == null)) {
            throw new ConfigException("ceremony: set exactly one of offline.pinFile"
                    + " (--offline-pin-file) and offline.pinEnv (--offline-pin-env)");
        }
        String pin;
        if (file != null) {
            try {
                pin = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException("ceremony: offline.pinFile cannot be read: '" + file
                        + "'");
            }
        } else {
            pin = Optional.ofNullable(env.get(variable)).map(String::strip).orElse("");
        }
        if (pin.isEmpty()) {
            throw new ConfigException("ceremony: the offline token PIN ("
                    + (file != null ? "file '" + file + "'" : "variable " + variable)
                    + ") is empty or missing");
        }
        return pin.toCharArray();
    }

    private static long number(String key, String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("ceremony: " + key + " must be a non-negative integer, got '"
                + value + "'");
    }

    private static Map<?, ?> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw new ConfigException("ceremony file " + file + " must hold a YAML mapping");
            }
            return map;
        } catch (IOException e) {
            throw new ConfigException("cannot read ceremony file " + file + ": "
                    + e.getMessage(), e);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException("ceremony file " + file + " is not valid YAML: "
                    + e.getMessage(), e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else if (entry.getValue() != null) {
                into.put(key, String.valueOf(entry.getValue()));
            }
        }
    }

    @Override
    public String toString() {
        return "CeremonyConfig[library=" + library + ", tokenLabel=" + tokenLabel + ", slot="
                + slot + ", pin=****, transcriptDir=" + transcriptDir + ", validityDays="
                + validityDays + "]";
    }
}
