package org.stica.acme.port;

/**
 * A dependency of the CA (its database, its HSM) cannot be used right now; nothing was issued or
 * changed because of the request that met it. The ACME endpoint answers {@code serverInternal}
 * with status 503 and {@code Retry-After} (issue 14 invariant 4), never a hang.
 */
public final class DependencyUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String dependency;

    /** @param dependency what is unavailable, as told to the client: "database", "HSM" */
    public DependencyUnavailableException(String dependency, Throwable cause) {
        super("the CA's " + dependency + " is unavailable", cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
