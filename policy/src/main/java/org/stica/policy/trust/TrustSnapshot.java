package org.stica.policy.trust;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the CA trusts of the STI-PA at one moment (RFC 9448 §6 step 2; STANDARDS.md §3.5 step 4,
 * §4.2): the STI-PA roots token signers must chain to, the last good STI-PA CRL (already
 * verified by {@link PaCrlCheck}) and when it was last refreshed.
 *
 * <p>When {@code maxAge} is present (a CRL URL is configured) the snapshot is <em>stale</em>,
 * and token verification fails closed, if no CRL was ever loaded, if the last successful refresh
 * is older than {@code maxAge}, or if the CRL's {@code nextUpdate} has passed.
 *
 * @param roots       trusted STI-PA roots; empty refuses every token
 * @param crl         the last good STI-PA CRL
 * @param refreshedAt when the CRL was last fetched and verified successfully
 * @param maxAge      how old the refresh may be; empty when no CRL is required
 */
public record TrustSnapshot(List<X509Certificate> roots, Optional<X509CRL> crl,
                            Optional<Instant> refreshedAt, Optional<Duration> maxAge) {
    public TrustSnapshot {
        roots = List.copyOf(roots);
        Objects.requireNonNull(crl, "crl");
        Objects.requireNonNull(refreshedAt, "refreshedAt");
        Objects.requireNonNull(maxAge, "maxAge");
    }

    /** Roots only, no CRL required (no CRL URL configured). */
    public static TrustSnapshot ofRoots(List<X509Certificate> roots) {
        return new TrustSnapshot(roots, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Why the snapshot is stale at {@code now}, or empty when it may be used. */
    public Optional<String> staleness(Instant now) {
        if (maxAge.isEmpty()) {
            return Optional.empty();
        }
        if (crl.isEmpty() || refreshedAt.isEmpty()) {
            return Optional.of("no STI-PA CRL has been loaded yet");
        }
        if (refreshedAt.get().plus(maxAge.get()).isBefore(now)) {
            return Optional.of("the STI-PA CRL was last refreshed at " + refreshedAt.get()
                    + ", longer ago than the allowed " + maxAge.get().toSeconds() + " s");
        }
        if (crl.get().getNextUpdate() != null
                && crl.get().getNextUpdate().toInstant().isBefore(now)) {
            return Optional.of("the STI-PA CRL's nextUpdate "
                    + crl.get().getNextUpdate().toInstant() + " has passed");
        }
        return Optional.empty();
    }

    /** Whether {@code cert} is listed on the STI-PA CRL (indirect entries included). */
    public boolean revoked(X509Certificate cert) {
        return crl.map(c -> c.isRevoked(cert)).orElse(false);
    }
}
