package org.stica.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The raw string value of every key: defaults, then the YAML file (nested maps flattened to
 * dotted keys; lists joined with commas), then the environment. Unknown YAML keys are refused so
 * a typo cannot silently fall back to a default.
 */
final class RawConfig {
    private final Map<ConfigKey, String> values;

    private RawConfig(Map<ConfigKey, String> values) {
        this.values = values;
    }

    static RawConfig read(Optional<Path> yamlFile, Map<String, String> env) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        yamlFile.ifPresent(file -> flatten("", readYaml(file), values));
        for (ConfigKey key : ConfigKey.values()) {
            String fromEnv = env.get(key.env());
            if (fromEnv != null) {
                values.put(key, fromEnv);
            }
        }
        return new RawConfig(values);
    }

    /** The configured value, else the default; blank counts as absent. */
    Optional<String> get(ConfigKey key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return key.defaultValue();
        }
        return Optional.of(value.trim());
    }

    private static Map<?, ?> readYaml(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = yaml.load(reader);
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map<?, ?> map)) {
                throw new ConfigException("file " + file + " must hold a YAML mapping");
            }
            return map;
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof ConfigException) {
                throw e;
            }
            throw new ConfigException("configuration file " + file + " is not valid YAML: "
                    + e.getMessage(), e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<ConfigKey, String> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String path = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten(path + ".", nested, into);
                continue;
            }
            ConfigKey key = ConfigKey.byPath(path)
                    .orElseThrow(() -> new ConfigException("unknown key '" + path + "'"));
            into.put(key, scalar(value));
        }
    }

    private static String scalar(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
