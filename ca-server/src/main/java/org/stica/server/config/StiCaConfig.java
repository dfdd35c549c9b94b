package org.stica.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The whole server configuration, loaded once at start-up by {@link #load} from one YAML file and
 * {@code STICA_*} environment overrides (the environment map is also how tests configure a
 * server), then validated: an invalid value stops start-up with a message naming the key and
 * its variable, e.g. {@code invalid configuration: http.port (STICA_HTTP_PORT) must be 1-65535,
 * got 'abc'}. Secrets are {@link Secret}s and print as {@code ****}.
 *
 * @param publicUrl the external origin without trailing slash; empty only when {@code http.port}
 *                  is 0, in which case the server derives it from the port it bound
 */
public record StiCaConfig(Http http, Admin admin, Optional<String> publicUrl, Database database,
                          Path dataDir, Hsm hsm, Optional<Secret> keystorePassword, Pa pa, Ca ca,
                          Publication publication, Acme acme, Recovery recovery,
                          Retention retention, Shutdown shutdown,
                          Notify notifications, Ecosystem ecosystem, Metrics metrics, Rcd rcd) {

    /** As the canonical constructor without claim-token trust anchors ({@link Rcd#DEFAULTS}). */
    public StiCaConfig(Http http, Admin admin, Optional<String> publicUrl, Database database,
                       Path dataDir, Hsm hsm, Optional<Secret> keystorePassword, Pa pa, Ca ca,
                       Publication publication, Acme acme, Recovery recovery,
                       Retention retention, Shutdown shutdown, Notify notifications,
                       Ecosystem ecosystem, Metrics metrics) {
        this(http, admin, publicUrl, database, dataDir, hsm, keystorePassword, pa, ca,
                publication, acme, recovery, retention, shutdown, notifications, ecosystem,
                metrics, Rcd.DEFAULTS);
    }

    /** As the canonical constructor with the default {@link Metrics} settings. */
    public StiCaConfig(Http http, Admin admin, Optional<String> publicUrl, Database database,
                       Path dataDir, Hsm hsm, Optional<Secret> keystorePassword, Pa pa, Ca ca,
                       Publication publication, Acme acme, Recovery recovery,
                       Retention retention, Shutdown shutdown, Notify notifications,
                       Ecosystem ecosystem) {
        this(http, admin, publicUrl, database, dataDir, hsm, keystorePassword, pa, ca,
                publication, acme, recovery, retention, shutdown, notifications, ecosystem,
                Metrics.DEFAULTS);
    }

    /** As the canonical constructor in the private ecosystem ({@link Ecosystem#PRIVATE}). */
    public StiCaConfig(Http http, Admin admin, Optional<String> publicUrl, Database database,
                       Path dataDir, Hsm hsm, Optional<Secret> keystorePassword, Pa pa, Ca ca,
                       Publication publication, Acme acme, Recovery recovery,
                       Retention retention, Shutdown shutdown, Notify notifications,
                       Metrics metrics) {
        this(http, admin, publicUrl, database, dataDir, hsm, keystorePassword, pa, ca,
                publication, acme, recovery, retention, shutdown, notifications,
                Ecosystem.PRIVATE, metrics);
    }

    /** As the canonical constructor in the private ecosystem with default {@link Metrics}. */
    public StiCaConfig(Http http, Admin admin, Optional<String> publicUrl, Database database,
                       Path dataDir, Hsm hsm, Optional<Secret> keystorePassword, Pa pa, Ca ca,
                       Publication publication, Acme acme, Recovery recovery,
                       Retention retention, Shutdown shutdown, Notify notifications) {
        this(http, admin, publicUrl, database, dataDir, hsm, keystorePassword, pa, ca,
                publication, acme, recovery, retention, shutdown, notifications,
                Ecosystem.PRIVATE, Metrics.DEFAULTS);
    }

    /** As the canonical constructor with the default {@link Notify} settings. */
    public StiCaConfig(Http http, Admin admin, Optional<String> publicUrl, Database database,
                       Path dataDir, Hsm hsm, Optional<Secret> keystorePassword, Pa pa, Ca ca,
                       Publication publication, Acme acme, Recovery recovery,
                       Retention retention, Shutdown shutdown) {
        this(http, admin, publicUrl, database, dataDir, hsm, keystorePassword, pa, ca,
                publication, acme, recovery, retention, shutdown, Notify.DEFAULTS);
    }

    /** The configuration with the default {@link Recovery}, {@link Retention}, {@link Shutdown}. */
    public StiCaConfig(Http http, Admin admin, Optional<String> publicUrl, Database database,
                       Path dataDir, Hsm hsm, Optional<Secret> keystorePassword, Pa pa, Ca ca,
                       Publication publication, Acme acme) {
        this(http, admin, publicUrl, database, dataDir, hsm, keystorePassword, pa, ca,
                publication, acme, Recovery.DEFAULTS, Retention.DEFAULTS, Shutdown.DEFAULTS);
    }

    /**
     * Stopping ({@code shutdown.*}; ARCHITECTURE.md §5 invariant 5): on SIGTERM the server stops
     * admitting new ACME requests and waits at most {@code drain} for those in flight before it
     * closes everything ({@code shutdown.drainSeconds}, 0-600).
     */
    public record Shutdown(Duration drain) {
        /** 30 s. */
        public static final Shutdown DEFAULTS = new Shutdown(Duration.ofSeconds(30));

        public void validate() {
            if (drain.isNegative() || drain.toSeconds() > 600) {
                throw ConfigKey.SHUTDOWN_DRAIN_SECONDS.invalid(
                        ConfigReader.rangeProblem(0, 600, drain.toSeconds()));
            }
        }
    }

    /** The configuration with the default {@link Acme} settings. */
    public StiCaConfig(Http http, Admin admin, Optional<String> publicUrl, Database database,
                       Path dataDir, Hsm hsm, Optional<Secret> keystorePassword, Pa pa, Ca ca,
                       Publication publication) {
        this(http, admin, publicUrl, database, dataDir, hsm, keystorePassword, pa, ca,
                publication, Acme.DEFAULTS);
    }

    /**
     * The ACME endpoint ({@code acme.*}, STANDARDS.md §5): external account binding required
     * (RFC 8555 §7.3.4), newOrders per account per hour (§6.6), orders per page of the orders
     * list (§7.1.2.1), the validity of the {@code shaken-shortlived} profile, and the largest
     * request body accepted.
     */
    public record Acme(boolean externalAccountRequired, int ordersPerHour, int ordersPageSize,
                       int shortLivedDays, int maxBodyBytes) {
        /** No EAB, 300 orders per hour, 100 per page, 7 days, 64 KiB. */
        public static final Acme DEFAULTS = new Acme(false, 300, 100, 7, 64 * 1024);

        public void validate() {
            if (ordersPerHour < 1 || ordersPerHour > 100_000) {
                throw ConfigKey.ACME_ORDERS_PER_HOUR.invalid(
                        ConfigReader.rangeProblem(1, 100_000, ordersPerHour));
            }
            if (ordersPageSize < 1 || ordersPageSize > 1000) {
                throw ConfigKey.ACME_ORDERS_PAGE_SIZE.invalid(
                        ConfigReader.rangeProblem(1, 1000, ordersPageSize));
            }
            if (shortLivedDays < 1 || shortLivedDays > 365) {
                throw ConfigKey.ACME_SHORT_LIVED_DAYS.invalid(
                        ConfigReader.rangeProblem(1, 365, shortLivedDays));
            }
            if (maxBodyBytes < 1024 || maxBodyBytes > 1024 * 1024) {
                throw ConfigKey.ACME_MAX_BODY_BYTES.invalid(
                        ConfigReader.rangeProblem(1024, 1024 * 1024, maxBodyBytes));
            }
        }
    }

    /** The configuration with the default {@link Publication} settings. */
    public StiCaConfig(Http http, Admin admin, Optional<String> publicUrl, Database database,
                       Path dataDir, Hsm hsm, Optional<Secret> keystorePassword, Pa pa, Ca ca) {
        this(http, admin, publicUrl, database, dataDir, hsm, keystorePassword, pa, ca,
                Publication.DEFAULTS);
    }

    /**
     * Revocation and publication (STANDARDS.md §6): how long revocations are coalesced before
     * the CRL is rebuilt ({@code crl.publishDelay} seconds, 0 = at once) and the directory the
     * CRL, trust anchors and certificate chains are also written to ({@code publication.directory}).
     */
    public record Publication(Duration crlPublishDelay, Optional<Path> directory) {
        /** 60 s delay, no directory. */
        public static final Publication DEFAULTS =
                new Publication(Duration.ofSeconds(60), Optional.empty());

        public void validate() {
            if (crlPublishDelay.isNegative() || crlPublishDelay.toSeconds() > 3600) {
                throw ConfigKey.CRL_PUBLISH_DELAY.invalid(
                        ConfigReader.rangeProblem(0, 3600, crlPublishDelay.toSeconds()));
            }
        }
    }

    /**
     * Public HTTP listener (ACME, CRL, STI-CR). Port 0 binds any free port. Its connection
     * limits apply to the admin listener too, and so do the period at which TLS certificate
     * files are checked for a change ({@code http.tls.reloadSeconds}) and the access log.
     *
     * @param tls      HTTPS on the public port ({@code http.tls.certFile}, {@code keyFile})
     * @param plain    the plain-HTTP listener for CRLs and trust anchors ({@link PlainHttp})
     * @param plainUrl the {@code http://} origin certificates name for revocation
     *                 ({@code http.plainUrl}: CRLDP, the CRL's AIA, the PA CRL); publicUrl
     *                 when absent
     * @param accessLog one INFO line per request on every listener ({@code http.accessLog},
     *                  default true)
     */
    public record Http(String host, int port, Connections limits, Optional<TlsFiles> tls,
                       Duration tlsReload, Optional<PlainHttp> plain,
                       Optional<String> plainUrl, boolean accessLog) {
        /** With the default {@link Connections} limits. */
        public Http(String host, int port) {
            this(host, port, Connections.DEFAULTS);
        }

        /** Plain HTTP only, no plain-HTTP listener. */
        public Http(String host, int port, Connections limits) {
            this(host, port, limits, Optional.empty(), Duration.ofSeconds(60), Optional.empty(),
                    Optional.empty(), true);
        }

        public void validate() {
            requirePort(ConfigKey.HTTP_PORT, port);
            if (host.isBlank()) {
                throw ConfigKey.HTTP_HOST.invalid("must not be empty");
            }
            if (tlsReload.toSeconds() < 1 || tlsReload.toSeconds() > 86400) {
                throw ConfigKey.HTTP_TLS_RELOAD_SECONDS.invalid(
                        ConfigReader.rangeProblem(1, 86400, tlsReload.toSeconds()));
            }
            plain.ifPresent(p -> p.validate(port));
            plainUrl.ifPresent(PlainHttp::checkUrl);
        }

        private static Http read(ConfigReader in) {
            String host = in.string(ConfigKey.HTTP_HOST);
            return new Http(host, in.port(ConfigKey.HTTP_PORT), Connections.read(in),
                    TlsFiles.read(in, ConfigKey.HTTP_TLS_CERT_FILE, ConfigKey.HTTP_TLS_KEY_FILE),
                    Duration.ofSeconds(in.intIn(ConfigKey.HTTP_TLS_RELOAD_SECONDS, 1, 86400)),
                    PlainHttp.read(in, host),
                    in.optional(ConfigKey.HTTP_PLAIN_URL).map(StiCaConfig::withoutTrailingSlash),
                    adminFlag(in, ConfigKey.HTTP_ACCESS_LOG));
        }
    }

    /**
     * Admin listener; every admin route needs {@code Authorization: Bearer <token>} or, with
     * {@link AdminTls}, a mapped client certificate. A successful authentication is audited
     * once per key and instance per {@code loginAuditWindow}
     * ({@code admin.loginAuditWindowSeconds}).
     */
    public record Admin(String host, int port, Optional<Secret> token, boolean dualControl,
                        Duration loginAuditWindow, Optional<AdminTls> tls) {
        /** Without dual control ({@code admin.dualControl}, default false). */
        public Admin(String host, int port, Optional<Secret> token) {
            this(host, port, token, false);
        }

        /** Plain HTTP, logins audited every 15 minutes. */
        public Admin(String host, int port, Optional<Secret> token, boolean dualControl) {
            this(host, port, token, dualControl, Duration.ofMinutes(15), Optional.empty());
        }

        public void validate() {
            requirePort(ConfigKey.ADMIN_PORT, port);
            if (host.isBlank()) {
                throw ConfigKey.ADMIN_HOST.invalid("must not be empty");
            }
            tls.ifPresent(AdminTls::validate);
        }
    }

    /** PostgreSQL, from {@code postgresql://user[:pass]@host:port/db}. */
    public record Database(String host, int port, String name, String user,
                           Optional<Secret> password, int poolSize) {
        public void validate() {
            if (host.isBlank() || name.isBlank() || user.isBlank() || port < 1 || port > 65535) {
                throw ConfigKey.DATABASE_URL.invalid(DB_URL_SHAPE);
            }
            if (poolSize < 1 || poolSize > 200) {
                throw ConfigKey.DATABASE_POOL_SIZE.invalid(
                        ConfigReader.rangeProblem(1, 200, poolSize));
            }
        }

        /** The JDBC URL (used by Flyway at start-up only). */
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }

    /**
     * PKCS#11 token settings; without {@code library} keys live in the software PKCS#12 store
     * {@code <dataDir>/keystore.p12}.
     */
    public record Hsm(Optional<Path> library, Optional<String> tokenLabel, OptionalLong slot,
                      Optional<Secret> pin, int maxSessions) {
        public void validate() {
            if (maxSessions < 1 || maxSessions > 1024) {
                throw ConfigKey.HSM_MAX_SESSIONS.invalid(
                        ConfigReader.rangeProblem(1, 1024, maxSessions));
            }
            if (library.isEmpty()) {
                return;
            }
            if (tokenLabel.isEmpty() && slot.isEmpty()) {
                throw ConfigKey.HSM_TOKEN_LABEL.invalid("or " + ConfigKey.HSM_SLOT.label()
                        + " is required when hsm.library is set");
            }
            if (tokenLabel.isPresent() && slot.isPresent()) {
                throw ConfigKey.HSM_TOKEN_LABEL.invalid("and " + ConfigKey.HSM_SLOT.label()
                        + " are both set; set only one");
            }
            if (pin.isEmpty()) {
                throw ConfigKey.HSM_PIN.invalid("or " + ConfigKey.HSM_PIN_FILE.label()
                        + " is required when hsm.library is set");
            }
        }
    }

    /**
     * STI-PA trust: SPC token signer roots, x5u allow-list and fetch limits (RFC 9448 §6); the
     * STI-PA CRL and CA list sources and freshness (STANDARDS.md §4.2, §4.3); and, carried here,
     * the {@code paRole.*} section ({@link PaRole}).
     */
    public record Pa(Optional<Path> trustAnchors, List<String> x5uAllowedPrefixes,
                     Duration tokenClockSkew, int x5uMaxBytes, Duration x5uTimeout,
                     Optional<URI> crlUrl, Duration crlRefresh, Duration maxTrustAge,
                     Optional<URI> caListUrl, Duration trustReload, PaRole role) {
        public Pa {
            x5uAllowedPrefixes = List.copyOf(x5uAllowedPrefixes);
        }

        /** Trust settings without CRL or CA list sources, PA role off. */
        public Pa(Optional<Path> trustAnchors, List<String> x5uAllowedPrefixes,
                  Duration tokenClockSkew, int x5uMaxBytes, Duration x5uTimeout) {
            this(trustAnchors, x5uAllowedPrefixes, tokenClockSkew, x5uMaxBytes, x5uTimeout,
                    Optional.empty(), Duration.ofHours(1), Duration.ofDays(1), Optional.empty(),
                    Duration.ofSeconds(30), PaRole.DISABLED);
        }

        public void validate() {
            if (tokenClockSkew.isNegative() || tokenClockSkew.toSeconds() > 600) {
                throw ConfigKey.PA_TOKEN_CLOCK_SKEW_SECONDS.invalid(
                        ConfigReader.rangeProblem(0, 600, tokenClockSkew.toSeconds()));
            }
            if (x5uMaxBytes < 1024 || x5uMaxBytes > 1024 * 1024) {
                throw ConfigKey.PA_X5U_MAX_BYTES.invalid(
                        ConfigReader.rangeProblem(1024, 1024 * 1024, x5uMaxBytes));
            }
            if (x5uTimeout.toMillis() < 100 || x5uTimeout.toMillis() > 60_000) {
                throw ConfigKey.PA_X5U_TIMEOUT_MILLIS.invalid(
                        ConfigReader.rangeProblem(100, 60_000, x5uTimeout.toMillis()));
            }
            for (String prefix : x5uAllowedPrefixes) {
                if (!prefix.startsWith("https://") && !prefix.startsWith("http://")) {
                    throw ConfigKey.PA_X5U_ALLOWED_PREFIXES.invalid(
                            "entries must be http(s) URL prefixes, got '" + prefix + "'");
                }
            }
            crlUrl.ifPresent(url -> requireHttpUrl(ConfigKey.PA_CRL_URL, url));
            caListUrl.ifPresent(url -> requireHttpUrl(ConfigKey.PA_CA_LIST_URL, url));
            role.validate();
        }

        /** The same settings downloading the STI-PA CRL from {@code url}. */
        public Pa withCrlUrl(URI url) {
            return new Pa(trustAnchors, x5uAllowedPrefixes, tokenClockSkew, x5uMaxBytes,
                    x5uTimeout, Optional.of(url), crlRefresh, maxTrustAge, caListUrl,
                    trustReload, role);
        }
    }

    /**
     * The STI-PA role ({@code paRole.*}, STANDARDS.md §4.1, §4.3 item 5): whether this server
     * also acts as an STI-PA (SP registry, SPC token API, CA list), what revoking an SP does to
     * its certificates ({@code revoke} or {@code no-renewal}), the SPC token lifetime, the
     * CA list validity, and the iconectiv-compatible logins ({@link PaLogin}).
     */
    public record PaRole(boolean enabled, String onSpRevoke, Duration tokenLifetime,
                         Duration caListValidity, PaLogin login) {
        /** PA role off. */
        public static final PaRole DISABLED = new PaRole(false, "revoke", Duration.ofHours(1),
                Duration.ofDays(7), PaLogin.DEFAULTS);

        public void validate() {
            if (!onSpRevoke.equals("revoke") && !onSpRevoke.equals("no-renewal")) {
                throw ConfigKey.PA_ROLE_ON_SP_REVOKE.invalid(
                        "must be revoke or no-renewal, got '" + onSpRevoke + "'");
            }
        }
    }

    /**
     * The iconectiv-compatible logins of the PA role ({@code POST /api/v1/auth/login},
     * STANDARDS.md §4.1 item 2): how long an access token lasts, and how many failed logins a
     * user id and a client address may have in {@code failureWindow} before further attempts
     * answer 429 (a burst of that many, then one each {@code failureWindow / max}).
     */
    public record PaLogin(Duration accessTokenLifetime, int maxFailuresPerUser,
                          int maxFailuresPerAddress, Duration failureWindow) {
        /** The defaults: one hour, 5 per user id and 20 per address in 15 minutes. */
        public static final PaLogin DEFAULTS = new PaLogin(Duration.ofHours(1), 5, 20,
                Duration.ofMinutes(15));
    }

    private static PaLogin paLogin(ConfigReader in) {
        return new PaLogin(Duration.ofSeconds(in.intIn(
                ConfigKey.PA_ROLE_ACCESS_TOKEN_LIFETIME_SECONDS, 60, 86400)),
                in.intIn(ConfigKey.PA_ROLE_LOGIN_MAX_FAILURES, 1, 1000),
                in.intIn(ConfigKey.PA_ROLE_LOGIN_MAX_FAILURES_PER_ADDRESS, 1, 100_000),
                Duration.ofSeconds(in.intIn(ConfigKey.PA_ROLE_LOGIN_FAILURE_WINDOW_SECONDS, 1,
                        86400)));
    }

    private static void requireHttpUrl(ConfigKey key, URI url) {
        if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                || url.getHost() == null || url.getRawUserInfo() != null) {
            throw key.invalid("must be an http(s) URL without userinfo, got '" + url + "'");
        }
    }

    private static Optional<URI> optionalUrl(ConfigReader in, ConfigKey key) {
        try {
            return in.optional(key).map(URI::create);
        } catch (IllegalArgumentException e) {
            throw key.invalid("is not a URL");
        }
    }

    private static PaRole paRole(ConfigReader in) {
        String enabled = in.string(ConfigKey.PA_ROLE_ENABLED);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw ConfigKey.PA_ROLE_ENABLED.invalid("must be true or false, got '" + enabled
                    + "'");
        }
        return new PaRole(Boolean.parseBoolean(enabled), in.string(ConfigKey.PA_ROLE_ON_SP_REVOKE),
                Duration.ofSeconds(in.intIn(ConfigKey.PA_ROLE_TOKEN_LIFETIME_SECONDS, 60,
                        30 * 86400)),
                Duration.ofDays(in.intIn(ConfigKey.PA_ROLE_CA_LIST_VALIDITY_DAYS, 1, 365)),
                paLogin(in));
    }

    /**
     * The CA's names and certificate profile knobs (ATIS-1000080 §6.4.1), whether it issues
     * {@code shaken-sca} certificates ({@code ca.sca.enabled}, RFC 9060; STANDARDS.md §2), and
     * whether the root private key may be in the online token ({@code ca.rootOnline}, issue 16;
     * ARCHITECTURE.md §6): false by default, so {@code serve} refuses to start next to the root
     * key; true only for the demo, tests and {@code init-ca} installations.
     */
    public record Ca(String organization, String country, String policyOid,
                     int endEntityValidityDays, int crlValidityHours, String spcPattern,
                     boolean scaEnabled, boolean rootOnline) {
        /** The root kept offline ({@code ca.rootOnline=false}). */
        public Ca(String organization, String country, String policyOid,
                  int endEntityValidityDays, int crlValidityHours, String spcPattern,
                  boolean scaEnabled) {
            this(organization, country, policyOid, endEntityValidityDays, crlValidityHours,
                    spcPattern, scaEnabled, false);
        }

        /** SCA issuance off. */
        public Ca(String organization, String country, String policyOid,
                  int endEntityValidityDays, int crlValidityHours, String spcPattern) {
            this(organization, country, policyOid, endEntityValidityDays, crlValidityHours,
                    spcPattern, false);
        }

        /**
         * The pathLenConstraint of every issuing intermediate this CA creates (at init-ca and at
         * rollover): 1 when SCA issuance is on, so an SCA (pathLen 0) may sign delegate end
         * entities below it; 0 otherwise (end entities only). RFC 5280 §4.2.1.9.
         */
        public int intermediatePathLen() {
            return scaEnabled ? 1 : 0;
        }

        public void validate() {
            if (organization.isBlank() || organization.length() > 64) {
                throw ConfigKey.CA_ORGANIZATION.invalid("must be 1-64 characters");
            }
            if (!country.matches("^[A-Z]{2}$")) {
                throw ConfigKey.CA_COUNTRY.invalid(
                        "must be an ISO 3166-1 alpha-2 code, got '" + country + "'");
            }
            if (!policyOid.matches("^2\\.16\\.840\\.1\\.114569\\.1\\.1\\.[1-9][0-9]*$")) {
                throw ConfigKey.CA_POLICY_OID.invalid("must be a SHAKEN CP OID"
                        + " (2.16.840.1.114569.1.1.x), got '" + policyOid + "'");
            }
            if (endEntityValidityDays < 1 || endEntityValidityDays > 3650) {
                throw ConfigKey.CA_END_ENTITY_VALIDITY_DAYS.invalid(
                        ConfigReader.rangeProblem(1, 3650, endEntityValidityDays));
            }
            if (crlValidityHours < 1 || crlValidityHours > 24 * 31) {
                throw ConfigKey.CA_CRL_VALIDITY_HOURS.invalid(
                        ConfigReader.rangeProblem(1, 24 * 31, crlValidityHours));
            }
            try {
                Pattern.compile(spcPattern);
            } catch (PatternSyntaxException e) {
                throw ConfigKey.CA_SPC_PATTERN.invalid("is not a valid regular expression");
            }
        }
    }

    private static final String DB_URL_SHAPE =
            "must look like postgresql://user[:pass]@host:port/db";

    /** Validates every section; throws {@link ConfigException} naming the first bad key. */
    public StiCaConfig validate() {
        http.validate();
        admin.validate();
        publicUrl.ifPresent(StiCaConfig::checkPublicUrl);
        database.validate();
        hsm.validate();
        pa.validate();
        ca.validate();
        if (publication != null) {
            publication.validate();
        }
        if (acme != null) {
            acme.validate();
        }
        if (retention != null) {
            retention.validate();
        }
        if (shutdown != null) {
            shutdown.validate();
        }
        if (notifications != null) {
            notifications.validate();
        }
        if (ecosystem != null) {
            ecosystem.validate();
            Optional<URI> stiPaCrl = ecosystem.crlUrl();
            if (stiPaCrl.isPresent() && !stiPaCrl.equals(pa.crlUrl())) {
                throw ConfigKey.ECOSYSTEM_CRL_URL.invalid("must be the STI-PA CRL this CA"
                        + " downloads and verifies, but " + ConfigKey.PA_CRL_URL.label()
                        + " is '" + pa.crlUrl().map(URI::toString).orElse("") + "' (leave it"
                        + " unset to use " + stiPaCrl.get() + ")");
            }
        }
        return this;
    }

    /**
     * The origin of the URLs relying parties fetch revocation data from: the CRLDP of the
     * certificates init-ca and the ceremonies make, the CRL's AIA (its signer certificate) and
     * the PA CRL. {@code http.plainUrl} when set (the plain-HTTP listener; RFC 5280 §4.2.1.13,
     * STANDARDS.md §6.4 item 3), else {@code publicUrl}; x5u and ACME URLs always use publicUrl.
     */
    public Optional<String> revocationUrl() {
        return http.plainUrl().or(() -> publicUrl);
    }

    /** {@code <dataDir>/keystore.p12}, the software key store used when no HSM is configured. */
    public Path softwareKeyStore() {
        return dataDir.resolve("keystore.p12");
    }

    /** {@code <dataDir>/keystore.pass}, where init-ca writes a generated store password. */
    public Path keystorePasswordFile() {
        return dataDir.resolve("keystore.pass");
    }

    /**
     * Loads the YAML file (if any), applies the environment overrides and validates.
     *
     * @param env {@code STICA_*} variables; {@code System.getenv()} in production, a map in tests
     */
    public static StiCaConfig load(Optional<Path> yamlFile, Map<String, String> env) {
        ConfigReader in = new ConfigReader(RawConfig.read(yamlFile, env));
        Http http = Http.read(in);
        Admin admin = new Admin(in.string(ConfigKey.ADMIN_HOST), in.port(ConfigKey.ADMIN_PORT),
                in.secret(ConfigKey.ADMIN_TOKEN), adminFlag(in, ConfigKey.ADMIN_DUAL_CONTROL),
                Duration.ofSeconds(in.intIn(ConfigKey.ADMIN_LOGIN_AUDIT_WINDOW_SECONDS, 0, 86400)),
                AdminTls.read(in));
        Optional<String> publicUrl = in.optional(ConfigKey.PUBLIC_URL)
                .map(StiCaConfig::withoutTrailingSlash)
                .or(() -> http.port() == 0 ? Optional.empty()
                        : Optional.of((http.tls().isPresent() ? "https" : "http")
                                + "://localhost:" + http.port()));
        Database database = parseDatabase(in.string(ConfigKey.DATABASE_URL),
                in.intIn(ConfigKey.DATABASE_POOL_SIZE, 1, 200));
        Optional<Secret> pin = in.secret(ConfigKey.HSM_PIN);
        Optional<Secret> pinFromFile = in.secretFile(ConfigKey.HSM_PIN_FILE);
        if (pin.isPresent() && pinFromFile.isPresent()) {
            throw ConfigKey.HSM_PIN.invalid("and " + ConfigKey.HSM_PIN_FILE.label()
                    + " are both set; set only one");
        }
        Hsm hsm = new Hsm(in.path(ConfigKey.HSM_LIBRARY), in.optional(ConfigKey.HSM_TOKEN_LABEL),
                in.optionalLong(ConfigKey.HSM_SLOT), pin.or(() -> pinFromFile),
                in.intIn(ConfigKey.HSM_MAX_SESSIONS, 1, 1024));
        Pa pa = new Pa(in.readableFile(ConfigKey.PA_TRUST_ANCHORS),
                in.list(ConfigKey.PA_X5U_ALLOWED_PREFIXES),
                Duration.ofSeconds(in.intIn(ConfigKey.PA_TOKEN_CLOCK_SKEW_SECONDS, 0, 600)),
                in.intIn(ConfigKey.PA_X5U_MAX_BYTES, 1024, 1024 * 1024),
                Duration.ofMillis(in.intIn(ConfigKey.PA_X5U_TIMEOUT_MILLIS, 100, 60_000)),
                optionalUrl(in, ConfigKey.PA_CRL_URL),
                Duration.ofSeconds(in.intIn(ConfigKey.PA_CRL_REFRESH_SECONDS, 10, 86400)),
                Duration.ofSeconds(in.intIn(ConfigKey.PA_MAX_TRUST_AGE, 60, 31 * 86400)),
                optionalUrl(in, ConfigKey.PA_CA_LIST_URL),
                Duration.ofSeconds(in.intIn(ConfigKey.PA_TRUST_RELOAD_SECONDS, 1, 3600)),
                paRole(in));
        Ecosystem ecosystem = Ecosystem.read(in);
        if (ecosystem.stiPa() && pa.crlUrl().isEmpty()) {
            // under the STI-PA the CRL certificates name is the one downloaded and verified
            pa = pa.withCrlUrl(ecosystem.crlUrl().orElseThrow());
        }
        Ca ca = new Ca(in.string(ConfigKey.CA_ORGANIZATION), in.string(ConfigKey.CA_COUNTRY),
                in.string(ConfigKey.CA_POLICY_OID),
                in.intIn(ConfigKey.CA_END_ENTITY_VALIDITY_DAYS, 1, 3650),
                in.intIn(ConfigKey.CA_CRL_VALIDITY_HOURS, 1, 24 * 31),
                in.string(ConfigKey.CA_SPC_PATTERN), adminFlag(in, ConfigKey.CA_SCA_ENABLED),
                adminFlag(in, ConfigKey.CA_ROOT_ONLINE));
        Publication publication = new Publication(
                Duration.ofSeconds(in.intIn(ConfigKey.CRL_PUBLISH_DELAY, 0, 3600)),
                in.optional(ConfigKey.PUBLICATION_DIRECTORY).map(Path::of));
        return new StiCaConfig(http, admin, publicUrl, database,
                Path.of(in.string(ConfigKey.DATA_DIR)), hsm, in.secret(ConfigKey.KEYSTORE_PASSWORD),
                pa, ca, publication, acme(in), Recovery.read(in),
                Retention.read(in), new Shutdown(Duration.ofSeconds(
                        in.intIn(ConfigKey.SHUTDOWN_DRAIN_SECONDS, 0, 600))), Notify.read(in),
                ecosystem, Metrics.read(in), Rcd.read(in)).validate();
    }

    /** The same configuration with the public URL set (used once the HTTP port is bound). */
    public StiCaConfig withPublicUrl(String url) {
        return new StiCaConfig(http, admin, Optional.of(withoutTrailingSlash(url)), database,
                dataDir, hsm, keystorePassword, pa, ca, publication, acme, recovery,
                retention, shutdown, notifications, ecosystem, metrics, rcd);
    }

    private static Acme acme(ConfigReader in) {
        String eab = in.string(ConfigKey.ACME_EAB_REQUIRED);
        if (!eab.equals("true") && !eab.equals("false")) {
            throw ConfigKey.ACME_EAB_REQUIRED.invalid("must be true or false, got '" + eab + "'");
        }
        return new Acme(Boolean.parseBoolean(eab),
                in.intIn(ConfigKey.ACME_ORDERS_PER_HOUR, 1, 100_000),
                in.intIn(ConfigKey.ACME_ORDERS_PAGE_SIZE, 1, 1000),
                in.intIn(ConfigKey.ACME_SHORT_LIVED_DAYS, 1, 365),
                in.intIn(ConfigKey.ACME_MAX_BODY_BYTES, 1024, 1024 * 1024));
    }

    private static boolean adminFlag(ConfigReader in, ConfigKey key) {
        String value = in.string(key);
        if (!"true".equals(value) && !"false".equals(value)) {
            throw key.invalid("must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static void requirePort(ConfigKey key, int port) {
        if (port < 0 || port > 65535) {
            throw key.invalid(ConfigReader.rangeProblem(1, 65535, port));
        }
    }

    private static void checkPublicUrl(String url) {
        try {
            URI uri = new URI(url);
            boolean ok = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && !url.endsWith("/");
            if (!ok) {
                throw ConfigKey.PUBLIC_URL.invalid(
                        "must be an http(s) origin without user, query or trailing slash, got '"
                                + url + "'");
            }
        } catch (URISyntaxException e) {
            throw ConfigKey.PUBLIC_URL.invalid("is not a URL, got '" + url + "'");
        }
    }

    private static Database parseDatabase(String url, int poolSize) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ConfigKey.DATABASE_URL.invalid(DB_URL_SHAPE);
        }
        String scheme = uri.getScheme();
        String path = uri.getRawPath();
        if (!("postgresql".equals(scheme) || "postgres".equals(scheme)) || uri.getHost() == null
                || path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw ConfigKey.DATABASE_URL.invalid(DB_URL_SHAPE);
        }
        String user = "postgres";
        Optional<Secret> password = Optional.empty();
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            String[] parts = info.split(":", 2);
            user = decode(parts[0]);
            if (parts.length == 2 && !parts[1].isEmpty()) {
                password = Optional.of(Secret.of(decode(parts[1])));
            }
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new Database(uri.getHost(), port, decode(path.substring(1)), user, password,
                poolSize);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
