package org.stica.server.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key: its dotted YAML path, the environment variable that overrides it, and
 * its default (absent when the key is optional or required). Secrets are flagged so no value of
 * theirs ever reaches a message or a log.
 */
public enum ConfigKey {
    HTTP_HOST("http.host", "STICA_HTTP_HOST", "0.0.0.0"),
    HTTP_PORT("http.port", "STICA_HTTP_PORT", "8080"),
    HTTP_HEADER_TIMEOUT_SECONDS("http.headerTimeoutSeconds", "STICA_HTTP_HEADER_TIMEOUT_SECONDS",
            "10"),
    HTTP_IDLE_TIMEOUT_SECONDS("http.idleTimeoutSeconds", "STICA_HTTP_IDLE_TIMEOUT_SECONDS", "60"),
    HTTP_MAX_CONNECTIONS("http.maxConnections", "STICA_HTTP_MAX_CONNECTIONS", "10000"),
    HTTP_MAX_CONCURRENT_STREAMS("http.maxConcurrentStreams",
            "STICA_HTTP_MAX_CONCURRENT_STREAMS", "100"),
    // HTTPS on the public port and the plain-HTTP CRL listener (issue 17)
    HTTP_TLS_CERT_FILE("http.tls.certFile", "STICA_HTTP_TLS_CERT_FILE", null),
    HTTP_TLS_KEY_FILE("http.tls.keyFile", "STICA_HTTP_TLS_KEY_FILE", null),
    HTTP_TLS_RELOAD_SECONDS("http.tls.reloadSeconds", "STICA_HTTP_TLS_RELOAD_SECONDS", "60"),
    HTTP_PLAIN_HOST("http.plainHost", "STICA_HTTP_PLAIN_HOST", null),
    HTTP_PLAIN_PORT("http.plainPort", "STICA_HTTP_PLAIN_PORT", null),
    HTTP_PLAIN_URL("http.plainUrl", "STICA_HTTP_PLAIN_URL", null),
    HTTP_ACCESS_LOG("http.accessLog", "STICA_HTTP_ACCESS_LOG", "true"),
    ADMIN_HOST("admin.host", "STICA_ADMIN_HOST", "127.0.0.1"),
    ADMIN_PORT("admin.port", "STICA_ADMIN_PORT", "8081"),
    ADMIN_TOKEN("admin.token", "STICA_ADMIN_TOKEN", null, true),
    ADMIN_DUAL_CONTROL("admin.dualControl", "STICA_ADMIN_DUAL_CONTROL", "false"),
    ADMIN_LOGIN_AUDIT_WINDOW_SECONDS("admin.loginAuditWindowSeconds",
            "STICA_ADMIN_LOGIN_AUDIT_WINDOW_SECONDS", "900"),
    ADMIN_TLS_CERT_FILE("admin.tls.certFile", "STICA_ADMIN_TLS_CERT_FILE", null),
    ADMIN_TLS_KEY_FILE("admin.tls.keyFile", "STICA_ADMIN_TLS_KEY_FILE", null),
    ADMIN_TLS_CLIENT_CA_FILE("admin.tls.clientCaFile", "STICA_ADMIN_TLS_CLIENT_CA_FILE", null),
    ADMIN_TLS_CLIENT_AUTH("admin.tls.clientAuth", "STICA_ADMIN_TLS_CLIENT_AUTH", "required"),
    ADMIN_TLS_CLIENT_ROLES("admin.tls.clientRoles", "STICA_ADMIN_TLS_CLIENT_ROLES", null),
    ADMIN_TLS_BEARER_KEYS("admin.tls.bearerKeys", "STICA_ADMIN_TLS_BEARER_KEYS", "true"),
    PUBLIC_URL("publicUrl", "STICA_PUBLIC_URL", null),
    DATABASE_URL("database.url", "STICA_DB_URL", "postgresql://postgres@127.0.0.1:5432/stica",
            true),
    // 32: commits wait for the WAL flush, so more connections let PostgreSQL group them
    DATABASE_POOL_SIZE("database.poolSize", "STICA_DB_POOL_SIZE", "32"),
    DATA_DIR("dataDir", "STICA_DATA_DIR", "./data"),
    HSM_LIBRARY("hsm.library", "STICA_HSM_LIBRARY", null),
    HSM_TOKEN_LABEL("hsm.tokenLabel", "STICA_HSM_TOKEN_LABEL", null),
    HSM_SLOT("hsm.slot", "STICA_HSM_SLOT", null),
    HSM_PIN("hsm.pin", "STICA_HSM_PIN", null, true),
    HSM_PIN_FILE("hsm.pinFile", "STICA_HSM_PIN_FILE", null),
    HSM_MAX_SESSIONS("hsm.maxSessions", "STICA_HSM_MAX_SESSIONS", "4"),
    HSM_SIGN_TIMEOUT_MILLIS("hsm.signTimeoutMillis", "STICA_HSM_SIGN_TIMEOUT_MILLIS", "10000"),
    KEYSTORE_PASSWORD("keystore.password", "STICA_KEYSTORE_PASSWORD", null, true),
    PA_TRUST_ANCHORS("pa.trustAnchors", "STICA_PA_TRUST_ANCHORS", null),
    PA_X5U_ALLOWED_PREFIXES("pa.x5uAllowedPrefixes", "STICA_X5U_ALLOWED_PREFIXES", ""),
    PA_TOKEN_CLOCK_SKEW_SECONDS("pa.tokenClockSkewSeconds", "STICA_TOKEN_CLOCK_SKEW_SECONDS", "60"),
    PA_X5U_MAX_BYTES("pa.x5uMaxBytes", "STICA_X5U_MAX_BYTES", "65536"),
    PA_X5U_TIMEOUT_MILLIS("pa.x5uTimeoutMillis", "STICA_X5U_TIMEOUT_MILLIS", "5000"),
    PA_CRL_URL("pa.crlUrl", "STICA_PA_CRL_URL", null),
    PA_CRL_REFRESH_SECONDS("pa.crlRefreshSeconds", "STICA_PA_CRL_REFRESH_SECONDS", "3600"),
    PA_MAX_TRUST_AGE("pa.maxTrustAge", "STICA_PA_MAX_TRUST_AGE", "86400"),
    PA_CA_LIST_URL("pa.caListUrl", "STICA_PA_CA_LIST_URL", null),
    PA_TRUST_RELOAD_SECONDS("pa.trustReloadSeconds", "STICA_PA_TRUST_RELOAD_SECONDS", "30"),
    PA_ROLE_ENABLED("paRole.enabled", "STICA_PA_ROLE_ENABLED", "false"),
    PA_ROLE_ON_SP_REVOKE("paRole.onSpRevoke", "STICA_PA_ROLE_ON_SP_REVOKE", "revoke"),
    PA_ROLE_TOKEN_LIFETIME_SECONDS("paRole.tokenLifetimeSeconds",
            "STICA_PA_ROLE_TOKEN_LIFETIME_SECONDS", "3600"),
    PA_ROLE_CA_LIST_VALIDITY_DAYS("paRole.caListValidityDays",
            "STICA_PA_ROLE_CA_LIST_VALIDITY_DAYS", "7"),
    // issue 20: the revocation ecosystem (Ecosystem): private, or under an external STI-PA
    ECOSYSTEM_MODE("ecosystem.mode", "STICA_ECOSYSTEM_MODE", "private"),
    ECOSYSTEM_CRL_URL("ecosystem.crl.url", "STICA_ECOSYSTEM_CRL_URL", null),
    // iconectiv-compatible logins of the PA role (StiCaConfig.PaLogin)
    PA_ROLE_ACCESS_TOKEN_LIFETIME_SECONDS("paRole.accessTokenLifetimeSeconds",
            "STICA_PA_ROLE_ACCESS_TOKEN_LIFETIME_SECONDS", "3600"),
    PA_ROLE_LOGIN_MAX_FAILURES("paRole.loginMaxFailures", "STICA_PA_ROLE_LOGIN_MAX_FAILURES",
            "5"),
    PA_ROLE_LOGIN_MAX_FAILURES_PER_ADDRESS("paRole.loginMaxFailuresPerAddress",
            "STICA_PA_ROLE_LOGIN_MAX_FAILURES_PER_ADDRESS", "20"),
    PA_ROLE_LOGIN_FAILURE_WINDOW_SECONDS("paRole.loginFailureWindowSeconds",
            "STICA_PA_ROLE_LOGIN_FAILURE_WINDOW_SECONDS", "900"),
    CA_ORGANIZATION("ca.organization", "STICA_CA_ORGANIZATION", "STI-CA"),
    CA_COUNTRY("ca.country", "STICA_CA_COUNTRY", "US"),
    CA_POLICY_OID("ca.policyOid", "STICA_CA_POLICY_OID", "2.16.840.1.114569.1.1.4"),
    CA_END_ENTITY_VALIDITY_DAYS("ca.endEntityValidityDays", "STICA_CA_END_ENTITY_VALIDITY_DAYS",
            "365"),
    CA_CRL_VALIDITY_HOURS("ca.crlValidityHours", "STICA_CA_CRL_VALIDITY_HOURS", "24"),
    CA_SPC_PATTERN("ca.spcPattern", "STICA_CA_SPC_PATTERN", "^[A-Z0-9]{4}$"),
    CA_SCA_ENABLED("ca.sca.enabled", "STICA_CA_SCA_ENABLED", "false"),
    // key custody (issue 16): whether the root private key may sit in the online token
    CA_ROOT_ONLINE("ca.rootOnline", "STICA_CA_ROOT_ONLINE", "false"),
    ACME_EAB_REQUIRED("acme.externalAccountRequired", "STICA_ACME_EAB_REQUIRED", "false"),
    ACME_ORDERS_PER_HOUR("acme.ordersPerHour", "STICA_ACME_ORDERS_PER_HOUR", "300"),
    ACME_ORDERS_PAGE_SIZE("acme.ordersPageSize", "STICA_ACME_ORDERS_PAGE_SIZE", "100"),
    ACME_SHORT_LIVED_DAYS("acme.shortLivedDays", "STICA_ACME_SHORT_LIVED_DAYS", "7"),
    ACME_MAX_BODY_BYTES("acme.maxBodyBytes", "STICA_ACME_MAX_BODY_BYTES", "65536"),
    CRL_PUBLISH_DELAY("crl.publishDelay", "STICA_CRL_PUBLISH_DELAY", "60"),
    PUBLICATION_DIRECTORY("publication.directory", "STICA_PUBLICATION_DIR", null),
    RECOVERY_SWEEP_PERIOD_SECONDS("recovery.sweepPeriodSeconds",
            "STICA_RECOVERY_SWEEP_PERIOD_SECONDS", "30"),
    RECOVERY_STUCK_AFTER_SECONDS("recovery.stuckAfterSeconds",
            "STICA_RECOVERY_STUCK_AFTER_SECONDS", "120"),
    // the data lifecycle (Retention)
    RETENTION_ENABLED("retention.enabled", "STICA_RETENTION_ENABLED", "true"),
    RETENTION_INTERVAL_MINUTES("retention.intervalMinutes", "STICA_RETENTION_INTERVAL_MINUTES",
            "60"),
    RETENTION_BATCH_SIZE("retention.batchSize", "STICA_RETENTION_BATCH_SIZE", "500"),
    RETENTION_ACME_ORDER_DAYS("retention.acmeOrderDays", "STICA_RETENTION_ACME_ORDER_DAYS", "90"),
    RETENTION_CRL_HISTORY_DAYS("retention.crlHistoryDays", "STICA_RETENTION_CRL_HISTORY_DAYS",
            "0"),
    SHUTDOWN_DRAIN_SECONDS("shutdown.drainSeconds", "STICA_SHUTDOWN_DRAIN_SECONDS", "30"),
    // webhook notifications to subscribers (Notify)
    NOTIFY_ALLOW_HTTP_LOOPBACK("notify.allowHttpLoopback", "STICA_NOTIFY_ALLOW_HTTP_LOOPBACK",
            "false"),
    NOTIFY_DISPATCH_INTERVAL_MILLIS("notify.dispatchIntervalMillis",
            "STICA_NOTIFY_DISPATCH_INTERVAL_MILLIS", "2000"),
    NOTIFY_REQUEST_TIMEOUT_MILLIS("notify.requestTimeoutMillis",
            "STICA_NOTIFY_REQUEST_TIMEOUT_MILLIS", "10000"),
    NOTIFY_MAX_ATTEMPTS("notify.maxAttempts", "STICA_NOTIFY_MAX_ATTEMPTS", "8"),
    NOTIFY_RETRY_SCHEDULE("notify.retrySchedule", "STICA_NOTIFY_RETRY_SCHEDULE",
            "10s,30s,2m,10m,1h,3h,6h"),
    NOTIFY_BATCH_SIZE("notify.batchSize", "STICA_NOTIFY_BATCH_SIZE", "20"),
    NOTIFY_EXPIRY_WARNING_DAYS("notify.expiryWarningDays", "STICA_NOTIFY_EXPIRY_WARNING_DAYS",
            "14"),
    NOTIFY_EXPIRY_SCAN_SECONDS("notify.expiryScanSeconds", "STICA_NOTIFY_EXPIRY_SCAN_SECONDS",
            "3600"),
    // Rich Call Data certificates (Rcd, issue 19): roots of JWTClaimConstraints tokens
    RCD_CLAIM_TOKEN_TRUST_ANCHORS("rcd.claimTokenTrustAnchors",
            "STICA_RCD_CLAIM_TOKEN_TRUST_ANCHORS", null),
    // GET /metrics on the admin port (Metrics)
    METRICS_TOKEN("metrics.token", "STICA_METRICS_TOKEN", null, true),
    METRICS_TOKEN_FILE("metrics.tokenFile", "STICA_METRICS_TOKEN_FILE", null);

    private final String path;
    private final String env;
    private final String defaultValue;
    private final boolean secret;

    ConfigKey(String path, String env, String defaultValue) {
        this(path, env, defaultValue, false);
    }

    ConfigKey(String path, String env, String defaultValue, boolean secret) {
        this.path = path;
        this.env = env;
        this.defaultValue = defaultValue;
        this.secret = secret;
    }

    /** The dotted YAML path, e.g. {@code http.port}. */
    public String path() {
        return path;
    }

    /** The environment variable that overrides the YAML value, e.g. {@code STICA_HTTP_PORT}. */
    public String env() {
        return env;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether the value is a secret (never echoed in errors, never logged). */
    public boolean secret() {
        return secret;
    }

    /** {@code "http.port (STICA_HTTP_PORT)"}: how errors name the key. */
    public String label() {
        return path + " (" + env + ")";
    }

    /** An error naming this key: {@code invalid configuration: <label> <problem>}. */
    public ConfigException invalid(String problem) {
        return new ConfigException(label() + " " + problem);
    }

    public static Optional<ConfigKey> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }
}
