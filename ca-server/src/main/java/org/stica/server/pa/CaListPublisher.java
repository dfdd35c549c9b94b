package org.stica.server.pa;

import com.nimbusds.jose.Payload;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.ca.CaInitializer;
import org.stica.server.pa.store.pg.PgServiceProviderStore;

/**
 * Publishes the signed list of approved STI-CA roots (STANDARDS.md §4.3 item 5): payload
 * {@code {"version","sequence","exp","trustList":[PEM...]}}, ES256 with x5u by the PA signer;
 * {@code sequence} reserved in PostgreSQL first (strictly increasing across instances), then
 * signed (no transaction held across the HSM call), then stored. Audited.
 */
public final class CaListPublisher {
    private final PgServiceProviderStore store;
    private final SpcTokenIssuer signer;
    private final List<X509Certificate> approvedRoots;
    private final Duration validity;
    private final AuditLog audit;
    private final Clock clock;

    public CaListPublisher(PgServiceProviderStore store, SpcTokenIssuer signer,
                           List<X509Certificate> approvedRoots, Duration validity,
                           AuditLog audit, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.approvedRoots = List.copyOf(approvedRoots);
        this.validity = validity;
        this.audit = audit;
        this.clock = clock;
    }

    /** A published list's sequence and expiry. */
    public record Published(long sequence, Instant expires) {
    }

    public Future<Published> publish(String actor) {
        Instant expires = clock.instant().plus(validity).truncatedTo(ChronoUnit.SECONDS);
        return store.reserveCaListSequence(expires).compose(sequence -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("version", "1");
            payload.put("sequence", sequence);
            payload.put("exp", expires.getEpochSecond());
            payload.put("trustList", approvedRoots.stream()
                    .map(root -> CaInitializer.toPem(List.of(root))).toList());
            return signer.sign(new Payload(payload))
                    .compose(jws -> store.storeCaList(sequence, jws))
                    .compose(v -> audit.record(new AuditEvent("pa.ca-list-published", actor,
                            String.valueOf(sequence), new JsonObject()
                            .put("roots", approvedRoots.size())
                            .put("expires", expires.toString()))))
                    .map(new Published(sequence, expires));
        });
    }

    /** The latest published list's compact JWS. */
    public Future<Optional<String>> latest() {
        return store.latestCaList();
    }
}
