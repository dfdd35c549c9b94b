package org.stica.server.trust;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.trust.store.pg.PgTrustStore;

/**
 * Manages the trusted STI-PA roots (RFC 9448 §6 step 2): list, add (exactly one PEM CA
 * certificate, self-signed, valid now) and remove, each change audited
 * ({@code trust-anchor.added}, {@code trust-anchor.removed}) and followed by a snapshot reload.
 * The roots of {@code pa.trustAnchors} are seeded at start-up (idempotent).
 */
public final class TrustAnchorService {
    private final PgTrustStore store;
    private final TrustSnapshotService snapshots;
    private final AuditLog audit;
    private final Clock clock;

    public TrustAnchorService(PgTrustStore store, TrustSnapshotService snapshots, AuditLog audit,
                              Clock clock) {
        this.store = store;
        this.snapshots = snapshots;
        this.audit = audit;
        this.clock = clock;
    }

    public Future<List<StoredAnchor>> list() {
        return store.anchors();
    }

    /** Seeds the configured roots (source {@code config}); already present ones are kept. */
    public Future<Void> seed(List<X509Certificate> roots) {
        Future<Void> chain = Future.succeededFuture();
        for (X509Certificate root : roots) {
            chain = chain.compose(v -> store.addAnchor(root, sha256(root), "config").mapEmpty());
        }
        return chain;
    }

    /** Adds the PEM certificate; 400 problem when it is not one valid self-signed CA cert. */
    public Future<StoredAnchor> add(String pem, String actor) {
        X509Certificate cert;
        try {
            cert = parseRoot(pem);
        } catch (HttpProblem e) {
            return Future.failedFuture(e);
        }
        return store.addAnchor(cert, sha256(cert), "admin")
                .compose(added -> audit.record(new AuditEvent("trust-anchor.added", actor,
                                added.getKey().sha256(), new JsonObject()
                                .put("id", added.getKey().id()).put("new", added.getValue())
                                .put("subject", cert.getSubjectX500Principal().getName())))
                        .compose(v -> snapshots.reload()).map(added.getKey()));
    }

    /** Removes anchor {@code id}; 404 problem when there is none. */
    public Future<Void> remove(long id, String actor) {
        return store.deleteAnchor(id).compose(deleted -> deleted
                ? audit.record(new AuditEvent("trust-anchor.removed", actor, String.valueOf(id),
                        new JsonObject())).compose(v -> snapshots.reload()).mapEmpty()
                : Future.failedFuture(new HttpProblem(404, "notFound",
                        "no STI-PA trust anchor with id " + id)));
    }

    private X509Certificate parseRoot(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw malformed("certificate must be one PEM CERTIFICATE block");
        }
        Collection<? extends Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw malformed("certificate is not a parseable X.509 certificate");
        }
        if (certs.size() != 1) {
            throw malformed("certificate must hold exactly one certificate, found "
                    + certs.size());
        }
        X509Certificate cert = (X509Certificate) certs.iterator().next();
        if (cert.getBasicConstraints() < 0) {
            throw malformed("an STI-PA trust anchor must be a CA certificate (BC cA TRUE)");
        }
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                || !selfSigned(cert)) {
            throw malformed("an STI-PA trust anchor must be a self-signed root");
        }
        try {
            cert.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw malformed("the certificate is not valid now (expired or not yet valid)");
        }
        return cert;
    }

    private static boolean selfSigned(X509Certificate cert) {
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static HttpProblem malformed(String detail) {
        return new HttpProblem(400, "malformed", detail);
    }
}
