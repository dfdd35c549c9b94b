package org.stica.server.ecosystem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;

/**
 * The content of a revocation report export (issue 20): what an STI-PA needs to list this CA's
 * revocations on its indirect CRL (STANDARDS.md §4.2 item 2): per revocation the serial, the
 * issuer (the issuing intermediate's subject, or the root's for a revoked intermediate, as
 * RFC 2253 text and as the exact DER an entry's {@code certificateIssuer} names), the RFC 5280
 * reason (name and code), the revocation time and
 * the SHA-256 of the certificate; and for the batch the export id, its time, the CA (its
 * organization and the SHA-256 of its root) and the STI-PA CRL the certificates name. The
 * document's shape is this CA's own: the STI-PA's format is UNCONFIRMED.
 */
public final class RevocationReportDocument {
    /** The {@code type} member of every report. */
    public static final String TYPE = "stica-revocation-report";

    private final Function<String, Optional<X509Certificate>> issuers;
    private final String organization;
    private final X509Certificate root;
    private final Optional<URI> stiPaCrl;

    /**
     * @param issuers  the CA certificate of an issuer alias ({@code ca_key})
     * @param stiPaCrl the CRL the certificates name ({@code ecosystem.crl.url})
     */
    public RevocationReportDocument(Function<String, Optional<X509Certificate>> issuers,
                                    String organization, X509Certificate root,
                                    Optional<URI> stiPaCrl) {
        this.issuers = issuers;
        this.organization = organization;
        this.root = root;
        this.stiPaCrl = stiPaCrl;
    }

    /** The payload of export {@code id} made at {@code at}. */
    public JsonObject build(long id, Instant at, List<PendingReport> reports) {
        JsonArray revocations = new JsonArray();
        reports.forEach(report -> revocations.add(entry(report)));
        JsonObject ca = new JsonObject().put("organization", organization)
                .put("root", new JsonObject()
                        .put("subject", root.getSubjectX500Principal().getName())
                        .put("sha256", sha256(encoded(root))));
        JsonObject payload = new JsonObject().put("type", TYPE).put("version", 1)
                .put("export", id).put("createdAt", at.toString()).put("ca", ca);
        stiPaCrl.ifPresent(url -> payload.put("stiPaCrl", url.toString()));
        return payload.put("revocations", revocations);
    }

    private JsonObject entry(PendingReport report) {
        X509Certificate issuer = issuers.apply(report.issuerAlias()).orElseThrow(
                () -> new IllegalStateException("no CA certificate for issuer '"
                        + report.issuerAlias() + "' of serial " + report.serialHex()));
        X500Principal name = issuer.getSubjectX500Principal();
        return new JsonObject().put("serial", report.serialHex())
                .put("issuer", name.getName())
                .put("issuerDer", Base64.getEncoder().encodeToString(name.getEncoded()))
                .put("reason", report.reasonName()).put("reasonCode", report.reason())
                .put("revokedAt", report.revokedAt().toString())
                .put("certificateSha256", HexFormat.of().formatHex(report.certificateSha256()));
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the root certificate cannot be encoded", e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
