package org.stica.server.ecosystem;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HexFormat;
import org.stica.server.issuance.RevocationReasons;

/**
 * One revocation queued for reporting to the STI-PA (issue 20): the certificate's serial and the
 * CA key that issued it, the RFC 5280 reason and time, the SHA-256 of the certificate's DER, and
 * when it was queued (the revocation's own statement queued it).
 */
public record PendingReport(String serialHex, String issuerAlias, int reason, Instant revokedAt,
                            byte[] certificateSha256, Instant queuedAt) {
    public PendingReport {
        certificateSha256 = certificateSha256.clone();
    }

    @Override
    public byte[] certificateSha256() {
        return certificateSha256.clone();
    }

    /** The RFC 5280 reason name ({@code keyCompromise}, ...). */
    public String reasonName() {
        return RevocationReasons.nameOf(reason).orElse("reason-" + reason);
    }

    /** As the admin API lists it. */
    public JsonObject toJson() {
        return new JsonObject().put("serial", serialHex).put("issuer", issuerAlias)
                .put("reason", reasonName()).put("reasonCode", reason)
                .put("revokedAt", revokedAt.toString())
                .put("certificateSha256", HexFormat.of().formatHex(certificateSha256))
                .put("queuedAt", queuedAt.toString());
    }
}
