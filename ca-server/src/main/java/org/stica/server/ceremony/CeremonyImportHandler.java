package org.stica.server.ceremony;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.stica.server.admin.AdminPrincipal;
import org.stica.server.admin.JsonReply;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.ca.CaKeyRecord;
import org.stica.server.ca.CaKeyRole;
import org.stica.server.ceremony.store.pg.PgCeremonyStore;
import org.stica.server.http.HttpProblem;
import org.stica.server.store.pg.PgCaKeyStore;

/**
 * {@code POST /admin/v1/ceremonies} (admin) with a ceremony record ({@link SignedTranscript}) as
 * the body: verifies it against the roots in {@code ca_key} and, in STI-PA role, the PA root
 * ({@link TranscriptVerifier}), then
 * stores it and appends {@code ceremony.<name>} (subject: the transcript id; details: the whole
 * transcript, the record's SHA-256 and the signing root's fingerprint) to the audit chain in one
 * statement. Answers 201; 400 {@code malformed} for a record that is not one or whose signature
 * does not verify (audited as {@code ceremony.import-refused}); 409 {@code alreadyImported} for
 * a transcript id imported before.
 */
public final class CeremonyImportHandler {
    private final PgCaKeyStore keys;
    private final PgCeremonyStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final List<X509Certificate> paRoots;
    private final TranscriptVerifier verifier = new TranscriptVerifier();

    /**
     * @param paRoots in STI-PA role the PA root, which signs the PA ceremonies' transcripts;
     *                else empty
     */
    public CeremonyImportHandler(PgCaKeyStore keys, PgCeremonyStore store, AuditLog audit,
                                 Clock clock, List<X509Certificate> paRoots) {
        this.paRoots = List.copyOf(paRoots);
        this.keys = keys;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public void handle(RoutingContext ctx) {
        String actor = AdminPrincipal.of(ctx).map(AdminPrincipal::actor).orElse("admin");
        String body = ctx.body().length() == 0 ? "" : ctx.body().asString();
        keys.all().compose(all -> importRecord(body, roots(all), actor))
                .onSuccess(imported -> JsonReply.send(ctx, 201, imported))
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> importRecord(String body, List<X509Certificate> roots,
                                            String actor) {
        SignedTranscript record;
        JsonObject transcript;
        try {
            record = SignedTranscript.parse(body);
            transcript = verifier.verify(record, roots);
        } catch (CeremonyRecordException e) {
            return refuse(actor, new HttpProblem(400, "malformed", "ceremony record refused: "
                    + e.getMessage()));
        }
        String id = transcript.getString("id");
        String ceremony = transcript.getString("ceremony");
        String sha256 = Transcript.sha256(body.getBytes(StandardCharsets.UTF_8));
        JsonObject details = new JsonObject().put("recordSha256", sha256)
                .put("transcript", transcript);
        return store.importOnce(id, ceremony, record, sha256, details, actor,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .compose(imported -> imported
                        ? audit.drainOutbox().map(v -> new JsonObject().put("id", id)
                                .put("ceremony", ceremony).put("auditType", "ceremony." + ceremony)
                                .put("recordSha256", sha256))
                        : Future.failedFuture(new HttpProblem(409, "alreadyImported",
                                "ceremony record " + id + " was imported before")));
    }

    private Future<JsonObject> refuse(String actor, HttpProblem problem) {
        return audit.record(new AuditEvent("ceremony.import-refused", actor, "ceremony",
                        new JsonObject().put("reason", problem.detail())))
                .transform(recorded -> Future.failedFuture(problem));
    }

    private List<X509Certificate> roots(List<CaKeyRecord> all) {
        return java.util.stream.Stream.concat(all.stream().filter(r -> r.role() == CaKeyRole.ROOT)
                .map(CaKeyRecord::certificate), paRoots.stream()).toList();
    }
}
