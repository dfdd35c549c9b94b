package org.stica.policy.token;

import java.net.URI;
import java.util.List;

/**
 * Which x5u URLs may be fetched (STANDARDS.md §3.5.3): https, or http only for prefixes
 * explicitly allowed; the URL must start with one of the configured prefixes; no userinfo,
 * query or fragment. Refusals are {@link org.stica.policy.Violation#TOKEN_X5U_NOT_ALLOWED}.
 */
public final class X5uPolicy {

    public X5uPolicy(List<String> allowedPrefixes) {
    }

    public void check(URI x5u) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
