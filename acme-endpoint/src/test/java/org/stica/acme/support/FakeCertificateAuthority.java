package org.stica.acme.support;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.stica.acme.port.CertificateFacts;
import org.stica.acme.port.CertificateFactsSource;

import io.vertx.core.Future;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.port.RevocationRefused;
import org.stica.acme.port.RevocationRequest;

/**
 * A CA port that issues real (test CA) certificates and records revocations; a configurable
 * failure replaces either outcome.
 */
public final class FakeCertificateAuthority implements CertificateAuthority,
        CertificateFactsSource {
    private final TestPki pki = new TestPki();
    private final List<IssuanceRequest> issued = new CopyOnWriteArrayList<>();
    private final List<RevocationRequest> revoked = new CopyOnWriteArrayList<>();
    private volatile RuntimeException issueFailure;
    private volatile Future<Void> issueGate = Future.succeededFuture();
    private final Map<String, X509Certificate> bySerial = new ConcurrentHashMap<>();

    /** ARI facts (RFC 9773): certificates this fake issued, revoked once revoked here. */
    @Override
    public Future<Optional<CertificateFacts>> find(byte[] authorityKeyId, String serialHex) {
        X509Certificate cert = bySerial.get(serialHex);
        if (cert == null || !Arrays.equals(authorityKeyId, caKeyId())) {
            return Future.succeededFuture(Optional.empty());
        }
        boolean revokedNow = revoked.stream().anyMatch(r -> {
            try {
                return Arrays.equals(r.certificateDer(), cert.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        });
        return Future.succeededFuture(Optional.of(new CertificateFacts(
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), revokedNow)));
    }

    /** The CA's key identifier, the AKI part of an ARI certID. */
    public byte[] caKeyId() {
        try {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(
                    pki.caCertificate().getPublicKey()).getKeyIdentifier();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Future<IssuedCertificate> issue(IssuanceRequest request) {
        issued.add(request);
        if (issueFailure != null) {
            return Future.failedFuture(issueFailure);
        }
        return issueGate.map(v -> issueNow(request));
    }

    private IssuedCertificate issueNow(IssuanceRequest request) {
        X509Certificate ee = pki.issue(request.subjectKey(), request.spc(),
                request.tnAuthListDer());
        String serial = ee.getSerialNumber().toString(16);
        bySerial.put(serial, ee);
        return new IssuedCertificate(serial, List.of(ee, pki.caCertificate()),
                URI.create("https://cr.example.test/certs/" + serial + ".pem"));
    }

    @Override
    public Future<Void> revoke(RevocationRequest request) {
        boolean again = revoked.stream().anyMatch(r -> Arrays.equals(
                r.certificateDer(), request.certificateDer()));
        if (again) {
            return Future.failedFuture(new RevocationRefused(
                    RevocationRefused.Kind.ALREADY_REVOKED, "certificate is already revoked"));
        }
        revoked.add(request);
        return Future.succeededFuture();
    }

    /** Issuance waits for {@code gate} (an order stays processing until it completes). */
    public void holdIssuanceUntil(Future<Void> gate) {
        this.issueGate = gate;
    }

    public void failIssuanceWith(RuntimeException failure) {
        this.issueFailure = failure;
    }

    public List<IssuanceRequest> issued() {
        return List.copyOf(issued);
    }

    public List<RevocationRequest> revoked() {
        return List.copyOf(revoked);
    }

    public X509Certificate caCertificate() {
        return pki.caCertificate();
    }
}
