package org.stica.server.config;

import java.util.Optional;

/**
 * Who may read {@code GET /metrics} on the admin port ({@code metrics.*}, issue 17). With a
 * {@code token} ({@code metrics.token}, or {@code metrics.tokenFile} naming a file that holds
 * it), a scrape must send {@code Authorization: Bearer <token>}. Without one, only an admin
 * port bound to a loopback address serves it; on any other address it is refused, because the
 * metrics tell an outsider how busy the CA is, which tokens it refuses and how its HSM fares.
 */
public record Metrics(Optional<Secret> token) {
    /** No token: {@code /metrics} open on a loopback admin port only. */
    public static final Metrics DEFAULTS = new Metrics(Optional.empty());

    static Metrics read(ConfigReader in) {
        Optional<Secret> token = in.secret(ConfigKey.METRICS_TOKEN);
        Optional<Secret> fromFile = in.secretFile(ConfigKey.METRICS_TOKEN_FILE);
        if (token.isPresent() && fromFile.isPresent()) {
            throw ConfigKey.METRICS_TOKEN.invalid("and " + ConfigKey.METRICS_TOKEN_FILE.label()
                    + " are both set; set only one");
        }
        Optional<Secret> either = token.or(() -> fromFile);
        if (either.isPresent() && either.get().isEmpty()) {
            throw ConfigKey.METRICS_TOKEN.invalid("must not be empty");
        }
        return new Metrics(either);
    }
}
