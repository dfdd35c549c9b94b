package org.stica.server.config;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * The revocation ecosystem the CA's certificates belong to ({@code ecosystem.*}; STANDARDS.md
 * §6.1, issue 20).
 *
 * <ul>
 *   <li>{@code private} (default): the CA is its own ecosystem (with or without the STI-PA
 *       role): every certificate's CRLDP names the CA's own indirect CRL
 *       ({@code publicUrl/crl/shaken.crl}) and its CRL signer as cRLIssuer.</li>
 *   <li>{@code sti-pa}: the CA runs under an external STI-PA (the US STI-PA, iconectiv): the
 *       CRLDP of issued end-entity, SCA and intermediate certificates names the STI-PA CRL at
 *       {@code ecosystem.crl.url} and, as cRLIssuer, the issuer Name copied as DER from that
 *       CRL once it was downloaded and verified like {@code pa.crlUrl} (which then defaults
 *       to the same URL). The CA still keeps and serves its own CRL for its records, and
 *       queues every revocation for reporting to the STI-PA.</li>
 * </ul>
 *
 * @param mode   {@code ecosystem.mode}
 * @param crlUrl {@code ecosystem.crl.url}: required in {@code sti-pa} mode, refused otherwise
 */
public record Ecosystem(Mode mode, Optional<URI> crlUrl) {
    /** Today's behaviour: the CA's own CRL. */
    public static final Ecosystem PRIVATE = new Ecosystem(Mode.PRIVATE, Optional.empty());

    /** {@code ecosystem.mode}. */
    public enum Mode {
        PRIVATE("private"), STI_PA("sti-pa");

        private final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        @Override
        public String toString() {
            return wireName;
        }
    }

    /** The CA runs under an external STI-PA. */
    public boolean stiPa() {
        return mode == Mode.STI_PA;
    }

    public void validate() {
        if (stiPa() && crlUrl.isEmpty()) {
            throw ConfigKey.ECOSYSTEM_CRL_URL.invalid("is required when "
                    + ConfigKey.ECOSYSTEM_MODE.label() + " is sti-pa");
        }
        if (!stiPa() && crlUrl.isPresent()) {
            throw ConfigKey.ECOSYSTEM_CRL_URL.invalid("is only used when "
                    + ConfigKey.ECOSYSTEM_MODE.label() + " is sti-pa (certificates of a"
                    + " private ecosystem name this CA's own CRL)");
        }
        crlUrl.ifPresent(url -> {
            if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                    || url.getHost() == null || url.getRawUserInfo() != null
                    || url.getRawFragment() != null) {
                throw ConfigKey.ECOSYSTEM_CRL_URL.invalid("must be an http(s) URL without"
                        + " userinfo or fragment, got '" + url + "'");
            }
        });
    }

    static Ecosystem read(ConfigReader in) {
        String mode = in.string(ConfigKey.ECOSYSTEM_MODE);
        Mode parsed = Arrays.stream(Mode.values()).filter(m -> m.wireName.equals(mode))
                .findFirst().orElseThrow(() -> ConfigKey.ECOSYSTEM_MODE.invalid(
                        "must be private or sti-pa, got '" + mode + "'"));
        Optional<URI> url;
        try {
            url = in.optional(ConfigKey.ECOSYSTEM_CRL_URL).map(URI::create);
        } catch (IllegalArgumentException e) {
            throw ConfigKey.ECOSYSTEM_CRL_URL.invalid("is not a URL");
        }
        Ecosystem ecosystem = new Ecosystem(parsed, url);
        ecosystem.validate();
        return ecosystem;
    }
}
