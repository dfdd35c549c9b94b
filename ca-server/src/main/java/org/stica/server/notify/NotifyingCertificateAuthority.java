package org.stica.server.notify;

import io.vertx.core.Future;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.port.RevocationRequest;

/**
 * Queues a {@code certificate.issued} webhook for each certificate the delegate issued (issue
 * 15), after the issuance and without waiting for it; revocation passes through (its notice
 * comes from {@link CertificateEvents} as a revocation listener, for the admin path too).
 */
public final class NotifyingCertificateAuthority implements CertificateAuthority {
    private final CertificateAuthority delegate;
    private final CertificateEvents events;

    public NotifyingCertificateAuthority(CertificateAuthority delegate, CertificateEvents events) {
        this.delegate = delegate;
        this.events = events;
    }

    @Override
    public Future<IssuedCertificate> issue(IssuanceRequest request) {
        return delegate.issue(request).onSuccess(issued -> events.issued(issued, request.spc()));
    }

    @Override
    public Future<Void> revoke(RevocationRequest request) {
        return delegate.revoke(request);
    }
}
