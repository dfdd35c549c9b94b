package org.stica.server.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.stica.server.config.StiCaConfig;
import picocli.CommandLine.Option;

/** The common {@code --config <file>} option (else {@code STICA_CONFIG}), mixed into commands. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "<file>",
            description = "YAML configuration file (default: $STICA_CONFIG; environment"
                    + " variables STICA_* override it)")
    private Path file;

    /** Loads and validates the configuration from the file and the process environment. */
    public StiCaConfig load() {
        Map<String, String> env = System.getenv();
        Optional<Path> yaml = Optional.ofNullable(file)
                .or(() -> Optional.ofNullable(env.get("STICA_CONFIG"))
                        .filter(s -> !s.isBlank()).map(Path::of));
        return StiCaConfig.load(yaml, env);
    }
}
