package org.stica.server.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.policy.PolicyException;
import org.stica.policy.trust.PaCrlCheck;
import org.stica.policy.trust.TrustSnapshot;
import org.stica.server.trust.store.pg.PgTrustStore;

/**
 * Holds the current {@link TrustSnapshot} and rebuilds it from PostgreSQL (anchors and the last
 * good STI-PA CRL) on start, after every local change and every {@code pa.trustReloadSeconds},
 * so every instance converges on the same trust. The stored CRL is re-verified against the
 * current roots at each reload (a CRL whose signer root was removed no longer counts). A failed
 * reload keeps the previous snapshot, whose staleness keeps counting.
 */
public final class TrustSnapshotService implements Supplier<TrustSnapshot> {
    private static final Logger LOG = LoggerFactory.getLogger(TrustSnapshotService.class);

    private final Vertx vertx;
    private final PgTrustStore store;
    private final Optional<Duration> maxAge;
    private volatile TrustSnapshot current;
    private volatile Optional<String> crlSource = Optional.empty();
    private long timer = -1;

    /** @param maxAge present when a CRL URL is configured (a CRL is then required) */
    public TrustSnapshotService(Vertx vertx, PgTrustStore store, Optional<Duration> maxAge) {
        this.vertx = vertx;
        this.store = store;
        this.maxAge = maxAge;
        this.current = new TrustSnapshot(List.of(), Optional.empty(), Optional.empty(), maxAge);
    }

    @Override
    public TrustSnapshot get() {
        return current;
    }

    /**
     * The URL the current snapshot's CRL was downloaded from (ecosystem mode {@code sti-pa}:
     * certificates name a CRL only once it came from the configured URL).
     */
    public Optional<String> crlSource() {
        return crlSource;
    }

    /** Reloads now and then every {@code period}. */
    public Future<TrustSnapshot> start(Duration period) {
        timer = vertx.setPeriodic(period.toMillis(), id -> reload()
                .onFailure(e -> LOG.warn("STI-PA trust reload failed: {}", e.toString())));
        return reload();
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Rebuilds the snapshot from the database. */
    public Future<TrustSnapshot> reload() {
        return store.anchors().compose(anchors -> store.crl().map(crl -> {
            List<X509Certificate> roots = anchors.stream().map(StoredAnchor::certificate)
                    .toList();
            Optional<X509CRL> verified = crl.flatMap(stored -> verifiedCrl(stored, roots));
            TrustSnapshot snapshot = new TrustSnapshot(roots, verified,
                    verified.isPresent() ? crl.map(StoredCrl::fetchedAt) : Optional.empty(),
                    maxAge);
            current = snapshot;
            crlSource = verified.isPresent() ? crl.map(StoredCrl::sourceUrl) : Optional.empty();
            return snapshot;
        }));
    }

    private static Optional<X509CRL> verifiedCrl(StoredCrl stored, List<X509Certificate> roots) {
        try {
            X509CRL crl = PaCrlCheck.parse(stored.der());
            if (!stored.signers().isEmpty()) {
                // a separate CRL signer (STANDARDS.md §4.2 item 3): re-check it as when fetched
                return Optional.of(new PaCrlCheck(java.time.Duration.ZERO).check(stored.der(),
                        roots, Optional.empty(), stored.fetchedAt(), stored.signers()));
            }
            for (X509Certificate root : roots) {
                if (root.getSubjectX500Principal().equals(crl.getIssuerX500Principal())
                        && verifies(crl, root)) {
                    return Optional.of(crl);
                }
            }
            LOG.warn("the stored STI-PA CRL is not signed by a current trust anchor; ignored");
            return Optional.empty();
        } catch (PolicyException e) {
            LOG.warn("the stored STI-PA CRL cannot be parsed: {}", e.detail());
            return Optional.empty();
        }
    }

    private static boolean verifies(X509CRL crl, X509Certificate root) {
        try {
            crl.verify(root.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
