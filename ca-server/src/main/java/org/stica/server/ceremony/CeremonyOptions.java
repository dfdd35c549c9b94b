package org.stica.server.ceremony;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.stica.server.config.StiCaConfig;
import picocli.CommandLine.Option;

/** The options every {@code ceremony} subcommand takes (mixed in). */
public final class CeremonyOptions {
    @Option(names = "--config", paramLabel = "<ceremony.yaml>",
            description = "the ceremony's YAML file (offline token, transcriptDir, validityDays)")
    Path ceremonyFile;

    @Option(names = "--server-config", paramLabel = "<stica.yaml>",
            description = "the server configuration: database, online token (hsm.*), ca.*,"
                    + " publicUrl (default: $STICA_CONFIG; STICA_* variables override it)")
    Path serverFile;

    @Option(names = "--offline-library", paramLabel = "<path>",
            description = "PKCS#11 library of the offline token")
    String library;

    @Option(names = "--offline-token", paramLabel = "<label>",
            description = "label of the offline token")
    String tokenLabel;

    @Option(names = "--offline-pin-file", paramLabel = "<file>",
            description = "file holding the offline token's user PIN")
    String pinFile;

    @Option(names = "--offline-pin-env", paramLabel = "<VARIABLE>",
            description = "environment variable holding the offline token's user PIN")
    String pinEnv;

    @Option(names = "--transcript-dir", paramLabel = "<dir>",
            description = "where the signed transcript is written (default <dataDir>/ceremonies)")
    String transcriptDir;

    @Option(names = "--validity-days", paramLabel = "<days>",
            description = "validity of the certificate or ARL made (root 7300, intermediate and"
                    + " crl-signer 3650, arl 365)")
    String validityDays;

    /** The server configuration, from the file and the environment. */
    StiCaConfig server(Map<String, String> env) {
        Optional<Path> yaml = Optional.ofNullable(serverFile)
                .or(() -> Optional.ofNullable(env.get("STICA_CONFIG"))
                        .filter(s -> !s.isBlank()).map(Path::of));
        return StiCaConfig.load(yaml, env);
    }

    /** The ceremony's settings: the YAML file, then the flags. */
    CeremonyConfig ceremony(Map<String, String> env) {
        Map<String, String> flags = new HashMap<>();
        flags.put("offline.library", library);
        flags.put("offline.tokenLabel", tokenLabel);
        flags.put("offline.pinFile", pinFile);
        flags.put("offline.pinEnv", pinEnv);
        flags.put("transcriptDir", transcriptDir);
        flags.put("validityDays", validityDays);
        return CeremonyConfig.load(Optional.ofNullable(ceremonyFile), flags, env);
    }
}
