package org.stica.policy.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A verified approved-STI-CA list (STANDARDS.md §4.3): the payload of the STI-PA's signed JWS.
 *
 * @param version  the list's {@code version} string
 * @param sequence strictly increasing between accepted lists (anti-rollback)
 * @param expires  {@code exp}; the list must not be used after it
 * @param roots    the approved STI-CA root certificates ({@code trustList})
 * @param jws      the compact JWS it came from (kept as the last good copy)
 */
public record CaList(String version, long sequence, Instant expires, List<X509Certificate> roots,
                     String jws) {
    public CaList {
        roots = List.copyOf(roots);
    }
}
