package org.stica.server.ecosystem;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.ecosystem.store.pg.PgRevocationReportStore;
import org.stica.server.ecosystem.store.pg.PgRevocationReportStore.MarkOutcome;
import org.stica.server.http.HttpProblem;

/**
 * {@link RevocationReporting} by signed export, while the STI-PA's revocation API is
 * UNCONFIRMED (issue 20): an export takes the pending revocations (at most
 * {@value #MAX_ENTRIES}, oldest first), reserves its id, builds the document
 * ({@link RevocationReportDocument}), signs it with the HSM ({@link ReportJwsSigner}; no
 * transaction is open meanwhile), then stores it and binds the revocations in one transaction,
 * only if no other export took them first (else 409 and nothing is stored). The operator
 * downloads the document, submits it to the STI-PA and marks the export submitted. Audited as
 * {@code revocation-report.exported} and {@code revocation-report.submitted}.
 */
public final class SignedExportReporting implements RevocationReporting {
    /** The most revocations one export carries; the rest wait for the next. */
    public static final int MAX_ENTRIES = 1000;
    private static final int LISTED = 100;

    private final PgRevocationReportStore store;
    private final RevocationReportDocument document;
    private final ReportJwsSigner signer;
    private final AuditLog audit;
    private final Clock clock;

    public SignedExportReporting(PgRevocationReportStore store, RevocationReportDocument document,
                                 ReportJwsSigner signer, AuditLog audit, Clock clock) {
        this.store = store;
        this.document = document;
        this.signer = signer;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Future<List<PendingReport>> pending() {
        return store.pending(MAX_ENTRIES);
    }

    @Override
    public Future<ReportExport> export(String actor) {
        return store.pending(MAX_ENTRIES).compose(pending -> pending.isEmpty()
                ? Future.failedFuture(new HttpProblem(409, "nothingPending",
                        "no revocation is waiting to be reported to the STI-PA"))
                : store.nextExportId().compose(id -> export(id, pending, actor)));
    }

    private Future<ReportExport> export(long id, List<PendingReport> pending, String actor) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return signer.sign(document.build(id, at, pending)).compose(jws -> {
            ReportExport export = new ReportExport(id, at, actor, pending.size(),
                    RevocationReportDocument.sha256(jws.getBytes(StandardCharsets.US_ASCII)),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(jws));
            List<String> serials = pending.stream().map(PendingReport::serialHex).toList();
            return store.saveExport(export, serials).compose(saved -> saved
                    ? audit.record(new AuditEvent("revocation-report.exported", actor,
                            "export-" + id, export.toJson().put("serials",
                            new JsonArray(serials)))).map(export)
                    : Future.failedFuture(new HttpProblem(409, "conflict", "another export took"
                            + " some of these revocations meanwhile; export again")));
        });
    }

    @Override
    public Future<List<ReportExport>> exports() {
        return store.exports(LISTED);
    }

    @Override
    public Future<ReportExport> download(long id) {
        return store.export(id).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(notFound(id))));
    }

    @Override
    public Future<ReportExport> markSubmitted(long id, String actor, Optional<String> reference) {
        return store.markSubmitted(id, actor, reference, clock.instant()).compose(outcome -> {
            if (outcome == MarkOutcome.NOT_FOUND) {
                return Future.failedFuture(notFound(id));
            }
            if (outcome == MarkOutcome.ALREADY_SUBMITTED) {
                return Future.failedFuture(new HttpProblem(409, "alreadySubmitted",
                        "export " + id + " is already marked submitted"));
            }
            JsonObject details = new JsonObject();
            reference.ifPresent(r -> details.put("reference", r));
            return audit.record(new AuditEvent("revocation-report.submitted", actor,
                    "export-" + id, details)).compose(v -> download(id));
        });
    }

    private static HttpProblem notFound(long id) {
        return new HttpProblem(404, "notFound", "no revocation report export " + id);
    }
}
