package org.stica.server.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stica.policy.PolicyException;
import org.stica.policy.trust.PaCrlCheck;
import org.stica.policy.trust.TrustSnapshot;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.ca.CaInitializer;
import org.stica.server.trust.store.pg.PgTrustStore;

/**
 * Downloads the STI-PA CRL from {@code pa.crlUrl} on a schedule and on demand (STANDARDS.md §4.2
 * item 6), accepts it in DER or PEM only when {@link PaCrlCheck} verifies it against the trusted
 * roots (or, issued by a separate CRL signer, against that signer fetched through the CRL's AIA
 * by {@link CrlSignerFetch}), stores it as the last good copy and reloads the trust snapshot. A
 * failed download keeps the last good copy (its age keeps counting towards staleness) and is
 * audited.
 */
public final class PaCrlService {
    private static final String ACCEPT = "application/pkix-crl, application/x-pem-file, */*";

    private final Vertx vertx;
    private final TrustFetch fetch;
    private final Optional<URI> url;
    private final PgTrustStore store;
    private final TrustSnapshotService snapshots;
    private final AuditLog audit;
    private final Clock clock;
    private final CrlSignerFetch signers;
    private final PaCrlCheck check = new PaCrlCheck(Duration.ofMinutes(5));
    private RefreshSchedule schedule;

    /** @param signers fetches a separate CRL signer named by the CRL's AIA (§4.2 item 3) */
    public PaCrlService(Vertx vertx, TrustFetch fetch, Optional<URI> url, PgTrustStore store,
                        TrustSnapshotService snapshots, AuditLog audit, Clock clock,
                        CrlSignerFetch signers) {
        this.signers = signers;
        this.vertx = vertx;
        this.fetch = fetch;
        this.url = url;
        this.store = store;
        this.snapshots = snapshots;
        this.audit = audit;
        this.clock = clock;
    }

    /** Refreshes every {@code period} (nothing when no CRL URL is configured). */
    public void start(Duration period) {
        if (url.isEmpty()) {
            return;
        }
        schedule = new RefreshSchedule(vertx, "STI-PA CRL", this::refresh, period);
        schedule.start();
    }

    public void stop() {
        if (schedule != null) {
            schedule.stop();
        }
    }

    /** Downloads, verifies and stores the CRL now; fails with a client-safe message. */
    public Future<X509CRL> refresh() {
        if (url.isEmpty()) {
            return Future.failedFuture(new IllegalStateException(
                    "no STI-PA CRL URL is configured (pa.crlUrl)"));
        }
        URI source = url.get();
        return fetch.get(source, ACCEPT)
                .compose(body -> accept(source, body))
                .compose(crl -> audit.record(new AuditEvent("pa-crl.refreshed", "system",
                        source.toString(), new JsonObject()
                        .put("thisUpdate", crl.getThisUpdate().toInstant().toString())
                        .put("entries", crl.getRevokedCertificates() == null ? 0
                                : crl.getRevokedCertificates().size()))).map(crl))
                .recover(e -> audit.record(new AuditEvent("pa-crl.refresh-failed", "system",
                                source.toString(), new JsonObject().put("reason", reason(e))))
                        .transform(recorded -> Future.failedFuture(e)));
    }

    private Future<X509CRL> accept(URI source, byte[] body) {
        TrustSnapshot snapshot = snapshots.get();
        return Future.<List<X509Certificate>>succeededFuture()
                .compose(v -> signers.signers(PaCrlCheck.parse(body), snapshot.roots()))
                .compose(crlSigners -> accept(source, body, snapshot, crlSigners));
    }

    private Future<X509CRL> accept(URI source, byte[] body, TrustSnapshot snapshot,
                                   List<X509Certificate> crlSigners) {
        Instant now = clock.instant();
        X509CRL crl;
        try {
            crl = check.check(body, snapshot.roots(), snapshot.crl(), now, crlSigners);
            byte[] der = crl.getEncoded();
            return store.saveCrl(der, source.toString(), crl.getThisUpdate().toInstant(),
                            Optional.ofNullable(crl.getNextUpdate()).map(d -> d.toInstant()), now,
                            crlSigners.isEmpty() ? Optional.empty()
                                    : Optional.of(CaInitializer.toPem(crlSigners)))
                    .compose(saved -> snapshots.reload())
                    .map(crl);
        } catch (PolicyException e) {
            return Future.failedFuture(e);
        } catch (java.security.cert.CRLException e) {
            return Future.failedFuture(new IllegalStateException("the CRL cannot be encoded"));
        }
    }

    private static String reason(Throwable e) {
        return e instanceof PolicyException policy ? policy.detail() : String.valueOf(
                e.getMessage());
    }
}
