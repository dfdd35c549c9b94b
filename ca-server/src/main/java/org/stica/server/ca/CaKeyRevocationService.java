package org.stica.server.ca;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.store.pg.PgCaKeyRevocationStore;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * Revokes a CA key's certificate (issue 5): an intermediate or the CRL signer, never the root
 * (the root's own ARL cannot revoke it). Records who, when and why in {@code ca_key_revocation}
 * (idempotent: a second revocation is refused as {@code alreadyRevoked}, nothing changes), audits
 * the decision, then has the root sign a new ARL listing the certificate right away. Issuance
 * under a revoked intermediate is refused by {@code IssuanceService}'s reservation.
 */
public final class CaKeyRevocationService {
    private static final Logger LOG = LoggerFactory.getLogger(CaKeyRevocationService.class);

    private final PgCaKeyStore keys;
    private final PgCaKeyRevocationStore revocations;
    private final Supplier<Future<Void>> publishArl;
    private final AuditLog audit;
    private final Clock clock;

    public CaKeyRevocationService(PgCaKeyStore keys, PgCaKeyRevocationStore revocations,
                                  Supplier<Future<Void>> publishArl, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.revocations = revocations;
        this.publishArl = publishArl;
        this.audit = audit;
        this.clock = clock;
    }

    /** Revokes the certificate of CA key {@code alias} with RFC 5280 reason {@code reason}. */
    public Future<CaKeyRevocation> revoke(String alias, int reason, String actor) {
        return keys.all().compose(all -> {
            List<CaKeyRecord> match = all.stream().filter(k -> k.alias().equals(alias)).toList();
            if (match.isEmpty()) {
                return refuse(alias, actor, new HttpProblem(404, "notFound",
                        "no CA key with alias '" + alias + "'"));
            }
            CaKeyRecord key = match.get(0);
            if (key.role() == CaKeyRole.ROOT) {
                return refuse(alias, actor, new HttpProblem(400, "malformed", "the root cannot"
                        + " be revoked on its own ARL; revoke an intermediate or the CRL signer"));
            }
            CaKeyRevocation revocation = new CaKeyRevocation(alias,
                    key.certificate().getSerialNumber().toString(16),
                    clock.instant().truncatedTo(ChronoUnit.SECONDS), reason, actor);
            return revocations.revoke(revocation).compose(inserted -> inserted
                    ? recorded(revocation, key)
                    : refuse(alias, actor, new HttpProblem(409, "alreadyRevoked",
                            "CA key '" + alias + "' is already revoked")));
        });
    }

    private Future<CaKeyRevocation> recorded(CaKeyRevocation revocation, CaKeyRecord key) {
        return audit.record(new AuditEvent("ca-key.revoked", revocation.revokedBy(),
                        revocation.alias(), new JsonObject().put("role", key.role().dbValue())
                        .put("serial", revocation.serialHex()).put("reason", revocation.reason())
                        .put("revokedAt", revocation.revokedAt().toString())))
                .compose(v -> publishArl.get().recover(e -> {
                    LOG.error("CA key {} is revoked but the ARL could not be published",
                            revocation.alias(), e);
                    return Future.failedFuture(new HttpProblem(503, "arlNotPublished",
                            "the revocation is recorded, but the ARL could not be signed now"
                                    + " (is the root key available?); the ARL lists the"
                                    + " certificate when it is next signed"));
                }))
                .map(v -> revocation);
    }

    private <T> Future<T> refuse(String alias, String actor, HttpProblem problem) {
        return audit.record(new AuditEvent("ca-key.revocation-refused", actor, alias,
                        new JsonObject().put("status", problem.status())
                                .put("reason", problem.type())))
                .transform(recorded -> Future.failedFuture(problem));
    }
}
