package org.stica.server.ca;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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
    private boolean reportToStiPa;

    public CaKeyRevocationService(PgCaKeyStore keys, PgCaKeyRevocationStore revocations,
                                  Supplier<Future<Void>> publishArl, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.revocations = revocations;
        this.publishArl = publishArl;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Under the STI-PA ({@code ecosystem.mode=sti-pa}): an intermediate's revocation is also
     * queued for reporting to the STI-PA, in the statement that records it, since the STI-PA's
     * CRL lists revoked intermediates as well as end entities (STANDARDS.md §4.2 item 2, §4.5
     * item 4). The CRL signer's is not: no certificate names this CA's CRL under the STI-PA.
     */
    public CaKeyRevocationService reportingToStiPa(boolean report) {
        this.reportToStiPa = report;
        return this;
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
            boolean reported = reportToStiPa && key.role() == CaKeyRole.INTERMEDIATE;
            Optional<CaKeyRecord> issuer = reported ? rootOf(key, all) : Optional.empty();
            if (reported && issuer.isEmpty()) {
                return refuse(alias, actor, new HttpProblem(409, "issuerUnknown", "the root"
                        + " that issued CA key '" + alias + "' is not among the CA keys, so the"
                        + " revocation could not be reported to the STI-PA; import the root's"
                        + " ceremony first (nothing was revoked)"));
            }
            Future<Boolean> stored = reported
                    ? revocations.revokeReported(revocation, issuer.orElseThrow().alias())
                    : revocations.revoke(revocation);
            return stored.compose(inserted -> inserted
                    ? recorded(revocation, key, reported)
                    : refuse(alias, actor, new HttpProblem(409, "alreadyRevoked",
                            "CA key '" + alias + "' is already revoked")));
        });
    }

    /** The root among {@code all} whose subject is {@code key}'s issuer. */
    private static Optional<CaKeyRecord> rootOf(CaKeyRecord key, List<CaKeyRecord> all) {
        return all.stream().filter(k -> k.role() == CaKeyRole.ROOT && k.certificate()
                        .getSubjectX500Principal()
                        .equals(key.certificate().getIssuerX500Principal()))
                .findFirst();
    }

    private Future<CaKeyRevocation> recorded(CaKeyRevocation revocation, CaKeyRecord key,
                                             boolean reported) {
        JsonObject details = new JsonObject().put("role", key.role().dbValue())
                .put("serial", revocation.serialHex()).put("reason", revocation.reason())
                .put("revokedAt", revocation.revokedAt().toString());
        if (reported) {
            details.put("stiPaReport", "queued");
        }
        return audit.record(new AuditEvent("ca-key.revoked", revocation.revokedBy(),
                        revocation.alias(), details))
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
