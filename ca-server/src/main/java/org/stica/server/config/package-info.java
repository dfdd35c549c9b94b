/**
 * Server configuration: one YAML file plus {@code STICA_*} environment overrides, parsed into
 * validated records ({@link org.stica.server.config.StiCaConfig}). Errors name the bad key and its
 * environment variable; secrets are redacted everywhere.
 */
package org.stica.server.config;
