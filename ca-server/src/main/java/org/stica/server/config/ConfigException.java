package org.stica.server.config;

/**
 * A configuration the server refuses to start with. The message names the bad key and its
 * environment variable, never a secret value.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String problem) {
        super("invalid configuration: " + problem);
    }

    public ConfigException(String problem, Throwable cause) {
        super("invalid configuration: " + problem, cause);
    }
}
