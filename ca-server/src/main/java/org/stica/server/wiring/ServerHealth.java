package org.stica.server.wiring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import org.stica.hsm.KeyVault;
import org.stica.hsm.SignerPool;
import org.stica.server.admin.HealthProbe;
import org.stica.server.ca.CaAliases;
import org.stica.server.ecosystem.EcosystemCrl;
import org.stica.server.lifecycle.InFlight;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.trust.TrustModule;

/**
 * What {@code /admin/v1/health} reports of the running server: PostgreSQL answers, the CA keys
 * are in the vault (checked on a worker thread), the HSM answers signatures, the STI-PA trust
 * warning (also: under the STI-PA, that no certificate can be issued while the STI-PA CRL is
 * unknown; issue 20), the CRL served, root custody and the root's ARL, and whether the server
 * is draining for shutdown.
 */
record ServerHealth(Vertx vertx, PgCertificateStore certificates, SignerPool signer,
                    TrustModule trust, EcosystemCrl ecosystem, CrlParts crlParts,
                    InFlight inFlight)
        implements HealthProbe {

    @Override
    public Optional<String> hsmFailure() {
        return signer.failure();
    }

    @Override
    public Future<Void> database() {
        return certificates.ping();
    }

    @Override
    public Future<Boolean> caKeys() {
        KeyVault vault = signer.vault();
        return vertx.executeBlocking(() -> vault.contains(CaAliases.INTERMEDIATE)
                && vault.contains(CaAliases.CRL_SIGNER), false);
    }

    @Override
    public Optional<String> trustWarning() {
        return trust.warning().or(ecosystem::unavailable);
    }

    @Override
    public Optional<CrlState> crl() {
        return crlParts.crl().current().map(c -> new CrlState(c.number().toString(), c.thisUpdate(),
                c.nextUpdate()));
    }

    @Override
    public Optional<RootState> root() {
        return Optional.of(new RootState(crlParts.rootOnline(), crlParts.arl().current()
                .map(a -> new CrlState(a.number().toString(), a.thisUpdate(), a.nextUpdate()))));
    }

    @Override
    public boolean draining() {
        return inFlight.draining();
    }
}
