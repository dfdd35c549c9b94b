package org.stica.server.issuance;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.port.RevocationRequest;
import org.stica.server.ca.CaInitializer;
import org.stica.server.http.DirectoryPublication;

/**
 * Writes every issued chain (end entity, intermediate) to the publication directory at its x5u
 * path {@code cr/<serial>.pem} (STANDARDS.md §4.4) before the issuance is reported; revocation is
 * passed through. A failed write is logged as an error by {@link DirectoryPublication} and does
 * not undo the issuance (the certificate is recorded and served over HTTP regardless).
 */
public final class PublishingCertificateAuthority implements CertificateAuthority {
    private final CertificateAuthority delegate;
    private final DirectoryPublication directory;

    public PublishingCertificateAuthority(CertificateAuthority delegate,
                                          DirectoryPublication directory) {
        this.delegate = delegate;
        this.directory = directory;
    }

    @Override
    public Future<IssuedCertificate> issue(IssuanceRequest request) {
        return delegate.issue(request).compose(issued -> directory
                .write(issued.x5u().getPath(), CaInitializer.toPem(issued.chain())
                        .getBytes(StandardCharsets.US_ASCII))
                .transform(written -> Future.succeededFuture(issued)));
    }

    @Override
    public Future<Void> revoke(RevocationRequest request) {
        return delegate.revoke(request);
    }
}
