package org.stica.server.pa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.issuance.RevocationReasons;
import org.stica.server.pa.store.pg.PgPaSignerStore;

/**
 * The PA signer certificates and their revocation (STANDARDS.md §4.2 item 2): lists the signer
 * certificate(s) with their status; revoking one records it, is audited, and rebuilds the PA
 * CRL at once (so the CA role, which consumes that CRL, refuses tokens the signer made).
 */
public final class PaSignerService {
    private final PgPaSignerStore store;
    private final List<X509Certificate> signers;
    private final Supplier<Future<Void>> rebuildCrl;
    private final AuditLog audit;
    private final Clock clock;

    /** @param signers the PA signer certificates this PA holds (today: one) */
    public PaSignerService(PgPaSignerStore store, List<X509Certificate> signers,
                           Supplier<Future<Void>> rebuildCrl, AuditLog audit, Clock clock) {
        this.store = store;
        this.signers = List.copyOf(signers);
        this.rebuildCrl = rebuildCrl;
        this.audit = audit;
        this.clock = clock;
    }

    /** A signer certificate and its revocation, if any. */
    public record SignerStatus(X509Certificate certificate,
                               java.util.Optional<RevokedSigner> revocation) {
    }

    public Future<List<SignerStatus>> list() {
        return store.all().map(revoked -> signers.stream().map(cert -> new SignerStatus(cert,
                revoked.stream().filter(r -> r.serialHex().equals(serial(cert))).findFirst()))
                .toList());
    }

    /**
     * Fails closed (503 {@code paSignerRevoked}) when the signer that signs tokens now is
     * revoked: tokens it signs would be refused by every CA reading the PA CRL.
     */
    public Future<Void> requireActiveSigner() {
        String current = serial(signers.get(0));
        return store.all().compose(revoked -> revoked.stream()
                .anyMatch(r -> r.serialHex().equals(current))
                ? Future.failedFuture(new HttpProblem(503, "paSignerRevoked", "the PA signer"
                        + " certificate " + current + " is revoked; re-key the PA signer"))
                : Future.succeededFuture());
    }

    /** Every revoked signer, for the PA CRL. */
    public Future<List<RevokedSigner>> revoked() {
        return store.all();
    }

    /** Revokes signer {@code serialHex} with reason {@code reasonName}; 404/409/400 problems. */
    public Future<RevokedSigner> revoke(String serialHex, String reasonName, String actor) {
        X509Certificate cert = signers.stream().filter(c -> serial(c).equals(serialHex))
                .findFirst().orElseThrow(() -> new HttpProblem(404, "notFound",
                        "no PA signer certificate with serial " + serialHex));
        int reason = RevocationReasons.byName(reasonName).orElseThrow(() -> new HttpProblem(400,
                "badRevocationReason", "unknown or disallowed reason '" + reasonName + "'"));
        RevokedSigner revoked = new RevokedSigner(serialHex,
                cert.getSubjectX500Principal().getName(), reason, clock.instant(), actor);
        return store.insert(revoked)
                .compose(inserted -> inserted ? Future.succeededFuture(revoked)
                        : Future.failedFuture(new HttpProblem(409, "alreadyRevoked",
                                "PA signer " + serialHex + " is already revoked")))
                .compose(r -> audit.record(new AuditEvent("pa.signer-revoked", actor, serialHex,
                        new JsonObject().put("reason", reasonName)
                                .put("subject", revoked.subject()))))
                .compose(v -> rebuildCrl.get())
                .map(revoked);
    }

    /** Lowercase hex serial, as the admin API names certificates. */
    public static String serial(X509Certificate cert) {
        return cert.getSerialNumber().toString(16);
    }
}
