package org.stica.server.issuance;

import io.vertx.core.Future;
import java.util.function.Supplier;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.port.RevocationRequest;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.server.store.pg.PgCaKeyRevocationStore;

/**
 * Refuses issuance once the issuing intermediate's certificate is revoked (issue 5, CA key
 * revocation): certificates signed under a revoked CA would never validate (RFC 5280 §6.1.3), so
 * finalize fails with a clear {@code serverInternal} problem instead of signing. The state is read
 * from {@code ca_key_revocation} on every issuance, so every instance sharing the database stops
 * at once. Revocation of end-entity certificates is passed through unchanged.
 */
public final class RevokedIssuerGuard implements CertificateAuthority {
    private final CertificateAuthority delegate;
    private final PgCaKeyRevocationStore revocations;
    private final Supplier<String> issuerAlias;

    public RevokedIssuerGuard(CertificateAuthority delegate, PgCaKeyRevocationStore revocations,
                              String issuerAlias) {
        this(delegate, revocations, () -> issuerAlias);
    }

    /** Checks whichever intermediate is active at each issuance (intermediate rollover). */
    public RevokedIssuerGuard(CertificateAuthority delegate, PgCaKeyRevocationStore revocations,
                              Supplier<String> issuerAlias) {
        this.delegate = delegate;
        this.revocations = revocations;
        this.issuerAlias = issuerAlias;
    }

    @Override
    public Future<IssuedCertificate> issue(IssuanceRequest request) {
        String alias = issuerAlias.get();
        return revocations.isRevoked(alias).compose(revoked -> revoked
                ? Future.failedFuture(new AcmeProblem(ProblemType.SERVER_INTERNAL,
                        "the issuing CA certificate ('" + alias + "') has been revoked;"
                                + " this CA issues no certificates until a new intermediate is"
                                + " in place"))
                : delegate.issue(request));
    }

    @Override
    public Future<Void> revoke(RevocationRequest request) {
        return delegate.revoke(request);
    }
}
