package org.stica.server.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.token.X5uPolicy;
import org.stica.policy.trust.CaList;
import org.stica.policy.trust.CaListCheck;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.token.X5uFetcher;
import org.stica.server.trust.store.pg.PgTrustStore;

/**
 * Consumes the STI-PA's approved STI-CA list (STANDARDS.md §4.3) from {@code pa.caListUrl}: the
 * body is the iconectiv envelope {@code {"status":"success","caList":"<jws>"}} or the bare JWS;
 * its x5u passes the same allow-list and fetcher as SPC tokens; {@link CaListCheck} verifies it
 * against the STI-PA roots with the stored {@code sequence} (anti-rollback, also enforced by the
 * database) and {@code exp}. The accepted list is the last good copy; a failure keeps it.
 */
public final class CaListService {

    private final Vertx vertx;
    private final TrustFetch fetch;
    private final Optional<URI> url;
    private final X5uPolicy x5uPolicy;
    private final X5uFetcher x5uFetcher;
    private final PgTrustStore store;
    private final TrustSnapshotService snapshots;
    private final AuditLog audit;
    private final Clock clock;
    private volatile Optional<CaList> current = Optional.empty();
    private RefreshSchedule schedule;

    /** The x5u policy and fetcher are those of SPC token validation. */
    public CaListService(Vertx vertx, TrustFetch fetch, Optional<URI> url, X5uPolicy x5uPolicy,
                         X5uFetcher x5uFetcher, TrustStores stores, AuditLog audit, Clock clock) {
        this.vertx = vertx;
        this.fetch = fetch;
        this.url = url;
        this.x5uPolicy = x5uPolicy;
        this.x5uFetcher = x5uFetcher;
        this.store = stores.store();
        this.snapshots = stores.snapshots();
        this.audit = audit;
        this.clock = clock;
    }

    /** The store and snapshot the service reads trust from. */
    public record TrustStores(PgTrustStore store, TrustSnapshotService snapshots) {
    }

    /** The last list accepted by this instance. */
    public Optional<CaList> current() {
        return current;
    }

    public void start(Duration period) {
        if (url.isEmpty()) {
            return;
        }
        schedule = new RefreshSchedule(vertx, "CA list", this::refresh, period);
        schedule.start();
    }

    public void stop() {
        if (schedule != null) {
            schedule.stop();
        }
    }

    /** Downloads, verifies and stores the list now. */
    public Future<CaList> refresh() {
        if (url.isEmpty()) {
            return Future.failedFuture(new IllegalStateException(
                    "no CA list URL is configured (pa.caListUrl)"));
        }
        URI source = url.get();
        return fetch.get(source, "application/json, application/jose+json")
                .compose(body -> verify(jws(body)))
                .compose(list -> audit.record(new AuditEvent("ca-list.accepted", "system",
                        source.toString(), new JsonObject().put("sequence", list.sequence())
                        .put("roots", list.roots().size()))).map(list))
                .recover(e -> audit.record(new AuditEvent("ca-list.refused", "system",
                                source.toString(), new JsonObject().put("reason", reason(e))))
                        .transform(recorded -> Future.failedFuture(e)));
    }

    private Future<CaList> verify(String compact) {
        URI x5u = CaListCheck.x5u(compact);
        x5uPolicy.check(x5u);
        return x5uFetcher.fetch(x5u).compose(chain -> store.caListSequence().compose(last -> {
            CaList list = new CaListCheck().check(compact, chain, snapshots.get().roots(), last,
                    clock.instant());
            return store.saveCaList(list.sequence(), compact, list.expires(), clock.instant())
                    .compose(saved -> saved ? Future.succeededFuture(list)
                            : Future.failedFuture(new PolicyException(Violation.CA_LIST_ROLLBACK,
                                    "a CA list with sequence >= " + list.sequence()
                                            + " is already stored")));
        })).onSuccess(list -> current = Optional.of(list));
    }

    private static String jws(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (!text.startsWith("{")) {
            return text;
        }
        try {
            JsonObject envelope = new JsonObject(text);
            String list = envelope.getString("caList");
            if (list == null) {
                throw new PolicyException(Violation.CA_LIST_INVALID,
                        "the CA list response has no caList member");
            }
            return list;
        } catch (DecodeException | ClassCastException e) {
            throw new PolicyException(Violation.CA_LIST_INVALID,
                    "the CA list response is not JSON");
        }
    }

    private static String reason(Throwable e) {
        return e instanceof PolicyException policy ? policy.violation() + ": " + policy.detail()
                : String.valueOf(e.getMessage());
    }
}
