package org.stica.server.ecosystem;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.stica.policy.PolicyException;
import org.stica.policy.profile.CrlDistribution;
import org.stica.policy.trust.StiPaCrlDistributionCheck;
import org.stica.server.audit.LoggingAuditLog;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CrlPaths;
import org.stica.server.config.Ecosystem;
import org.stica.server.config.StiCaConfig;
import org.stica.server.trust.StiPaCrlLoad;

/**
 * Which CRL the CA's certificates name in their CRLDP, by the configured ecosystem
 * ({@link Ecosystem}; STANDARDS.md §6.1), and where the CA's own CRL lives.
 *
 * <ul>
 *   <li>{@code private}: the CA's own CRL URL and its CRL signer's subject as cRLIssuer (what
 *       {@code init-ca} wrote into the intermediate).</li>
 *   <li>{@code sti-pa}: {@code ecosystem.crl.url} and, as cRLIssuer, the issuer copied as DER from
 *       the verified STI-PA CRL downloaded from that URL
 *       ({@link StiPaCrlDistributionCheck}). While no such copy is known {@link #get()} fails
 *       closed with {@link StiPaCrlUnknownException}: nothing may be issued that would name a
 *       guessed issuer.</li>
 * </ul>
 *
 * The result for a given CRL is computed once (the snapshot reloads keep the same object
 * between refreshes), so issuance does not parse the CRL again.
 */
public final class EcosystemCrl implements Supplier<CrlDistribution> {
    private final Ecosystem ecosystem;
    private final URI ownCrlUrl;
    private final CrlDistribution own;
    private final Function<URI, Optional<X509CRL>> stiPaCrl;
    private volatile Derived last;

    /** The distribution point derived from one CRL object (or why it cannot be). */
    private record Derived(X509CRL crl, Optional<CrlDistribution> point, String problem) {
    }

    /**
     * @param stiPaCrl the verified STI-PA CRL if it was downloaded from the given URL (the
     *                 trust module's {@code crlFrom}); unused in a private ecosystem
     */
    public EcosystemCrl(Ecosystem ecosystem, CaHierarchy hierarchy, String revocationUrl,
                        Function<URI, Optional<X509CRL>> stiPaCrl) {
        this.ecosystem = ecosystem;
        this.ownCrlUrl = ownCrlUrl(ecosystem, hierarchy, revocationUrl);
        this.own = CrlDistribution.of(ownCrlUrl, hierarchy.crlIssuerName());
        this.stiPaCrl = stiPaCrl;
    }

    /**
     * The URL of the CRL this CA signs and serves itself (its IDP): in a private ecosystem the
     * one the intermediate names (kept when {@code publicUrl} changed since init-ca), under the
     * STI-PA, or when the intermediate names a CRL that is not the CA's own (created under the
     * STI-PA), {@code /crl/shaken.crl} under {@code http.plainUrl} or publicUrl; verifiers
     * of such certificates use the STI-PA CRL and this one is kept for the CA's records
     * (STANDARDS.md §6.1 mode 1).
     */
    public static URI ownCrlUrl(Ecosystem ecosystem, CaHierarchy hierarchy, String revocationUrl) {
        return !ecosystem.stiPa() && hierarchy.intermediateNamesOwnCrl() ? hierarchy.crlUrl()
                : URI.create(revocationUrl + CrlPaths.CRL);
    }

    /**
     * For the command line (blocking; {@code init-ca}, {@code ceremony intermediate}): the CRLDP
     * a new intermediate names. Empty in a private ecosystem (the caller names its own CRL and
     * CRL signer). Under the STI-PA the CRL is downloaded and verified now, as {@code serve}
     * would ({@link StiPaCrlLoad}; the last good copy when the download fails).
     *
     * @throws StiPaCrlUnknownException when neither gives a usable STI-PA CRL
     */
    public static Optional<CrlDistribution> forSetUp(Vertx vertx, Pool pool, StiCaConfig config,
                                                     Clock clock) {
        if (!config.ecosystem().stiPa()) {
            return Optional.empty();
        }
        URI url = config.ecosystem().crlUrl().orElseThrow();
        try {
            X509CRL crl = StiPaCrlLoad.now(vertx, pool, config, new LoggingAuditLog(), clock);
            return Optional.of(StiPaCrlDistributionCheck.of(crl, url));
        } catch (PolicyException e) {
            throw new StiPaCrlUnknownException(url, e.detail());
        } catch (RuntimeException e) {
            throw new StiPaCrlUnknownException(url, String.valueOf(e.getMessage()));
        }
    }

    /** The URL of the CA's own CRL. */
    public URI ownCrlUrl() {
        return ownCrlUrl;
    }

    /**
     * The CRL URL every new certificate names (known even before the STI-PA CRL is): the one
     * source for the certificates' CRLDP and for the {@code crl} an SPC token response tells the
     * SP to check them against (STANDARDS.md §4.2 item 1, §6.3).
     */
    public URI namedUrl() {
        return ecosystem.stiPa() ? ecosystem.crlUrl().orElseThrow() : ownCrlUrl;
    }

    /**
     * The CRLDP every new certificate (end entity, SCA, intermediate) names.
     *
     * @throws StiPaCrlUnknownException under the STI-PA while its CRL is not known
     */
    @Override
    public CrlDistribution get() {
        if (!ecosystem.stiPa()) {
            return own;
        }
        URI url = ecosystem.crlUrl().orElseThrow();
        Derived derived = derive(url);
        return derived.point().orElseThrow(() -> new StiPaCrlUnknownException(url,
                derived.problem()));
    }

    /** Why certificates cannot be issued now (health), or empty when they can. */
    public Optional<String> unavailable() {
        try {
            get();
            return Optional.empty();
        } catch (StiPaCrlUnknownException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Derived derive(URI url) {
        Optional<X509CRL> crl = stiPaCrl.apply(url);
        if (crl.isEmpty()) {
            return new Derived(null, Optional.empty(), "no verified copy of it has been"
                    + " downloaded from that URL yet");
        }
        Derived cached = last;
        if (cached != null && cached.crl() == crl.get()) {
            return cached;
        }
        Derived fresh;
        try {
            fresh = new Derived(crl.get(), Optional.of(StiPaCrlDistributionCheck.of(crl.get(),
                    url)), null);
        } catch (PolicyException e) {
            fresh = new Derived(crl.get(), Optional.empty(), e.detail());
        }
        last = fresh;
        return fresh;
    }
}
