package org.stica.server.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.stica.policy.token.X5uPolicy;
import org.stica.policy.trust.TrustSnapshot;
import org.stica.server.audit.AuditLog;
import org.stica.server.config.StiCaConfig;
import org.stica.server.token.X5uFetcher;
import org.stica.server.trust.store.pg.PgTrustStore;

/**
 * STI-PA trust as the server wires it (module entry point, takes the pool): the snapshot every
 * token verification reads, the anchor admin API, the scheduled STI-PA CRL and CA list refresh.
 * With {@code pa.crlUrl} set a CRL is required and a snapshot older than {@code pa.maxTrustAge}
 * fails token verification closed.
 */
public final class TrustModule {
    private static final int MAX_CRL_BYTES = 8 * 1024 * 1024;

    private final StiCaConfig.Pa pa;
    private final TrustFetch fetch;
    private final TrustSnapshotService snapshots;
    private final TrustAnchorService anchors;
    private final PaCrlService crl;
    private final CaListService caList;
    private final Clock clock;

    public TrustModule(Vertx vertx, Pool pool, StiCaConfig.Pa pa, X5uPolicy x5uPolicy,
                       X5uFetcher x5uFetcher, AuditLog audit, Clock clock) {
        this.pa = pa;
        this.clock = clock;
        PgTrustStore store = new PgTrustStore(pool);
        this.fetch = new TrustFetch(vertx, Duration.ofSeconds(30), MAX_CRL_BYTES);
        this.snapshots = new TrustSnapshotService(vertx, store,
                pa.crlUrl().map(url -> pa.maxTrustAge()));
        this.anchors = new TrustAnchorService(store, snapshots, audit, clock);
        this.crl = new PaCrlService(vertx, fetch, pa.crlUrl(), store, snapshots, audit, clock,
                new CrlSignerFetch(fetch, x5uPolicy));
        this.caList = new CaListService(vertx, fetch, pa.caListUrl(), x5uPolicy, x5uFetcher,
                new CaListService.TrustStores(store, snapshots), audit, clock);
    }

    /** The current trust snapshot (never null). */
    public Supplier<TrustSnapshot> snapshot() {
        return snapshots;
    }

    /** The {@code /admin/v1/sti-pa/*} routes. */
    public Consumer<Router> adminRoutes() {
        return new TrustAdminHandler(anchors, crl, caList, snapshots, clock);
    }

    /** Seeds {@code configured} roots, loads the snapshot, starts the refresh timers. */
    public Future<Void> start(List<X509Certificate> configured) {
        return anchors.seed(configured)
                .compose(v -> snapshots.start(pa.trustReload()))
                .onSuccess(s -> {
                    crl.start(pa.crlRefresh());
                    caList.start(pa.crlRefresh());
                })
                .mapEmpty();
    }

    /**
     * The last good STI-PA CRL (verified, in the current snapshot) if it was downloaded from
     * {@code url}: under the STI-PA ({@code ecosystem.mode=sti-pa}) certificates copy its issuer
     * into their CRLDP.
     */
    public Optional<X509CRL> crlFrom(URI url) {
        Optional<String> source = snapshots.crlSource();
        return snapshots.get().crl()
                .filter(crl -> source.filter(url.toString()::equals).isPresent());
    }

    /**
     * Loads the STI-PA CRL once, for the command line before a server runs (init-ca and the
     * intermediate ceremony under the STI-PA): seeds the {@code configured} roots, reloads the
     * snapshot, downloads and verifies the CRL from {@code pa.crlUrl} exactly as the refresh
     * timer does (stored as the last good copy, audited) and answers it; when the download
     * fails, the last good copy from that URL if there is one, else the failure.
     */
    public Future<X509CRL> loadCrl(List<X509Certificate> configured) {
        URI url = pa.crlUrl().orElseThrow(() -> new IllegalStateException(
                "no STI-PA CRL URL is configured (pa.crlUrl)"));
        return anchors.seed(configured)
                .compose(v -> snapshots.reload())
                .compose(v -> crl.refresh().recover(failure -> crlFrom(url)
                        .map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(failure))));
    }

    /**
     * Why trust is degraded right now, for the health check: the snapshot is stale (only when
     * {@code pa.crlUrl} is configured), so every SPC token is refused.
     */
    public Optional<String> warning() {
        return snapshots.get().staleness(clock.instant());
    }

    TrustAnchorService anchors() {
        return anchors;
    }

    TrustSnapshotService snapshots() {
        return snapshots;
    }

    PaCrlService crl() {
        return crl;
    }

    CaListService caList() {
        return caList;
    }

    public void stop() {
        snapshots.stop();
        crl.stop();
        caList.stop();
        fetch.close();
    }
}
