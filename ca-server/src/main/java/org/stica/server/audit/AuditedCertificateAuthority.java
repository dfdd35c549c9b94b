package org.stica.server.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.port.IssuanceOutcomeUnknownException;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.port.RevocationRequest;

/**
 * Records ACME issuance and revocation decisions (STANDARDS.md §4.5 item 3):
 * {@code certificate.issue-refused} (the issuance itself writes {@code certificate.issued}
 * atomically with the certificate's record: {@link org.stica.server.issuance.IssuanceLedger};
 * an issuance whose outcome is not known yet is not a refusal and is not recorded as one),
 * {@code certificate.revoked} and {@code certificate.revoke-refused} (reason code, requester).
 * The result reaches the ACME client only after it is recorded ({@link AuditedOutcome}).
 */
public final class AuditedCertificateAuthority implements CertificateAuthority {
    private final CertificateAuthority delegate;
    private final AuditLog audit;

    public AuditedCertificateAuthority(CertificateAuthority delegate, AuditLog audit) {
        this.delegate = delegate;
        this.audit = audit;
    }

    @Override
    public Future<IssuedCertificate> issue(IssuanceRequest request) {
        return AuditedOutcome.refusalRecorded(delegate.issue(request), audit,
                IssuanceOutcomeUnknownException.class::isInstance,
                failure -> new AuditEvent("certificate.issue-refused", request.accountId(),
                        request.spc(), new JsonObject().put("order", request.orderId())
                        .put("reason", failure.getClass().getSimpleName())));
    }

    @Override
    public Future<Void> revoke(RevocationRequest request) {
        String actor = request.requestingAccount().orElse("certificate-key");
        String subject = "sha256:" + sha256(request.certificateDer());
        JsonObject details = new JsonObject().put("reasonCode", request.reason())
                .put("via", "acme");
        return AuditedOutcome.recorded(delegate.revoke(request), audit,
                done -> new AuditEvent("certificate.revoked", actor, subject, details),
                failure -> new AuditEvent("certificate.revoke-refused", actor, subject,
                        details.copy().put("refusal", failure.getClass().getSimpleName())));
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
