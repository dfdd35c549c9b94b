package org.stica.server.issuance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.port.RevocationRefused;
import org.stica.acme.port.RevocationRefused.Kind;
import org.stica.acme.port.RevocationRequest;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.LoggingAuditLog;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgCertificateStore.RevokeOutcome;

/**
 * Revokes certificates this CA issued (RFC 8555 §7.6 through ACME; the admin API by serial):
 * the certificate must be ours (issuer name, signature by our intermediate, serial and DER on
 * record), the requesting account must be the issuing one when known, the reason must be one of
 * {@link RevocationReasons}; an already revoked certificate is refused. The status changes in one
 * transaction; then the CRL rebuild is requested (at once or coalesced within
 * {@code crl.publishDelay}, STANDARDS.md §6.2.3). Every outcome, success or refusal, is recorded
 * in the {@link AuditLog} with who, what serial, which reason and when before it is reported.
 */
public final class RevocationService {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationService.class);

    private final PgCertificateStore store;
    private final CaHierarchy hierarchy;
    private final Supplier<Future<Void>> publishCrl;
    private final Clock clock;

    private final AuditLog audit;
    private Function<X509Certificate, Optional<X509Certificate>> signerOf;
    /** Under the STI-PA: each revocation is queued for reporting to it (issue 20). */
    private boolean reportToStiPa;
    /** Told of each revocation once it is recorded (subscriber webhooks); never fails it. */
    private RevocationListener listener = (serialHex, reason, revokedAt) -> { };

    /** Hears of each recorded revocation: serial, RFC 5280 reason code, time. */
    @FunctionalInterface
    public interface RevocationListener {
        void revoked(String serialHex, int reason, Instant revokedAt);
    }

    /** @param publishCrl rebuilds the CRL now (the CRL module's {@code publishNow}) */
    public RevocationService(PgCertificateStore store, CaHierarchy hierarchy,
                             Supplier<Future<Void>> publishCrl, Clock clock) {
        this(store, hierarchy, publishCrl, new LoggingAuditLog(), clock);
    }

    /**
     * @param publishCrl asks for the CRL to be rebuilt (at once or within the configured delay)
     * @param audit      records every revocation and refusal with who, when and why
     */
    public RevocationService(PgCertificateStore store, CaHierarchy hierarchy,
                             Supplier<Future<Void>> publishCrl, AuditLog audit, Clock clock) {
        this.store = store;
        this.hierarchy = hierarchy;
        this.publishCrl = publishCrl;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Accepts certificates signed by any of our intermediates ({@code signerOf} finds the one
     * that did), not only the hierarchy's: needed once an intermediate rollover happened.
     */
    public RevocationService withIssuers(
            Function<X509Certificate, Optional<X509Certificate>> signerOf) {
        this.signerOf = signerOf;
        return this;
    }

    /** Tells {@code listener} of every revocation this service records (issue 15 webhooks). */
    public RevocationService withListener(RevocationListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Under the STI-PA ({@code ecosystem.mode=sti-pa}, issue 20): every revocation is also
     * queued for reporting to the STI-PA, in the statement that records it
     * ({@link org.stica.server.ecosystem.RevocationReporting}).
     */
    public RevocationService reportingToStiPa(boolean report) {
        this.reportToStiPa = report;
        return this;
    }

    /** ACME revokeCert: fails with {@link RevocationRefused} for refusals the client caused. */
    public Future<Void> revoke(RevocationRequest request) {
        String actor = request.requestingAccount().map(a -> "acme-account:" + a)
                .orElse("acme-certificate-key");
        return audited(revokeChecked(request, actor), actor, serialOf(request.certificateDer()),
                request.reason());
    }

    private Future<Void> revokeChecked(RevocationRequest request, String actor) {
        if (!RevocationReasons.allowed(request.reason())) {
            return refused(Kind.BAD_REASON, "revocation reason " + request.reason()
                    + " is not allowed (use 0, 1, 3, 4, 5 or 9)");
        }
        Optional<X509Certificate> ours = issuedByUs(request.certificateDer());
        if (ours.isEmpty()) {
            return refused(Kind.UNAUTHORIZED, "the certificate was not issued by this CA");
        }
        String serialHex = ours.get().getSerialNumber().toString(16);
        return store.find(serialHex).compose(found -> {
            boolean onRecord = found.isPresent() && found.get().der().isPresent()
                    && Arrays.equals(found.get().der().get(), request.certificateDer());
            if (!onRecord) {
                return refused(Kind.UNAUTHORIZED, "the certificate was not issued by this CA");
            }
            // RFC 8555 §7.6: the ordering account, or one the ACME layer found holding
            // authorizations for every identifier in the certificate.
            if (request.requestingAccount().isPresent() && !request.accountHoldsAuthorizations()
                    && !request.requestingAccount().equals(found.get().accountId())) {
                return refused(Kind.UNAUTHORIZED,
                        "the requesting account did not order this certificate");
            }
            return revokeRecorded(serialHex, request.reason(), actor);
        });
    }

    /** Admin API: revoke by serial; {@link CertificateNotFoundException} when unknown. */
    public Future<Void> revokeBySerial(String serialHex, int reason, String actor) {
        Future<Void> result = RevocationReasons.allowed(reason)
                ? revokeRecorded(serialHex, reason, actor)
                : refused(Kind.BAD_REASON, "revocation reason " + reason + " is not allowed");
        return audited(result, actor, serialHex, reason);
    }

    /**
     * Records the outcome (STANDARDS.md §4.5 item 3: revocation with reason and requester) before
     * the caller learns it: {@code certificate.revoked} or {@code certificate.revocation-refused}.
     */
    private Future<Void> audited(Future<Void> outcome, String actor, String serialHex,
                                 int reason) {
        return outcome.transform(done -> record(done.failed() ? done.cause() : null, actor,
                serialHex, reason));
    }

    private Future<Void> record(Throwable refusal, String actor, String serialHex, int reason) {
        if (refusal == null) {
            // the revocation wrote its certificate.revoked event in the same statement (outbox,
            // ARCHITECTURE.md §5 item 1): chain it now; a failed drain leaves it to the next one
            return audit.drainOutbox().otherwiseEmpty();
        }
        JsonObject details = new JsonObject().put("reason", reason)
                .put("at", clock.instant().toString())
                .put("refusal", refusal instanceof RevocationRefused r ? r.kind().name()
                        : refusal instanceof CertificateNotFoundException ? "NOT_FOUND" : "ERROR");
        return audit.record(new AuditEvent("certificate.revocation-refused", actor, serialHex,
                details)).compose(ok -> Future.<Void>failedFuture(refusal));
    }

    private static String serialOf(byte[] der) {
        try {
            return ((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)))
                    .getSerialNumber().toString(16);
        } catch (GeneralSecurityException | RuntimeException e) {
            return "unparseable";
        }
    }

    private Future<Void> revokeRecorded(String serialHex, int reason, String actor) {
        Instant revokedAt = clock.instant();
        boolean report = reportToStiPa;
        return store.revoke(serialHex, reason, revokedAt, actor, report).compose(outcome -> {
            if (outcome == RevokeOutcome.ALREADY_REVOKED) {
                return refused(Kind.ALREADY_REVOKED, "the certificate is already revoked");
            }
            if (outcome == RevokeOutcome.NOT_ISSUED) {
                return Future.failedFuture(new CertificateNotFoundException(serialHex));
            }
            LOG.info("revoked certificate serial={} reason={} by={}", serialHex, reason, actor);
            listener.revoked(serialHex, reason, revokedAt);
            return publishCrl.get()
                    .recover(e -> {
                        LOG.error("CRL rebuild after revoking {} failed; the scheduled rebuild"
                                + " will list it", serialHex, e);
                        return Future.succeededFuture();
                    });
        });
    }

    /** The certificate, if its issuer is our intermediate and our intermediate signed it. */
    private Optional<X509Certificate> issuedByUs(byte[] der) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            if (signerOf != null) {
                return signerOf.apply(certificate).map(signer -> certificate);
            }
            X509Certificate intermediate = hierarchy.intermediate();
            if (!certificate.getIssuerX500Principal()
                    .equals(intermediate.getSubjectX500Principal())) {
                return Optional.empty();
            }
            certificate.verify(intermediate.getPublicKey());
            return Optional.of(certificate);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static <T> Future<T> refused(Kind kind, String detail) {
        return Future.failedFuture(new RevocationRefused(kind, detail));
    }
}
