package org.stica.server.trust;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.security.cert.X509CRL;
import java.time.Clock;
import org.stica.policy.token.X5uPolicy;
import org.stica.server.audit.AuditLog;
import org.stica.server.config.StiCaConfig;
import org.stica.server.store.pg.PgX5uPrefixStore;
import org.stica.server.token.TrustAnchorFile;
import org.stica.server.token.X5uAllowList;
import org.stica.server.token.X5uFetcher;

/**
 * The STI-PA CRL loaded once from the command line, before any server runs ({@code init-ca} and
 * {@code ceremony intermediate} under the STI-PA, issue 20): the same {@link TrustModule} as
 * {@code serve} over the same database (roots from {@code pa.trustAnchors} and the admin API,
 * the x5u allow-list for the CRL signer's AIA URL) downloads and verifies the CRL from
 * {@code pa.crlUrl} ({@link TrustModule#loadCrl}) and stores it as the last good copy, which
 * {@code serve} then starts from. Blocking: the CLI's thread only.
 */
public final class StiPaCrlLoad {
    private StiPaCrlLoad() {
    }

    /** The verified CRL; fails with the reason the download or the verification gave. */
    public static X509CRL now(Vertx vertx, Pool pool, StiCaConfig config, AuditLog audit,
                              Clock clock) {
        StiCaConfig.Pa pa = config.pa();
        X5uPolicy policy = new X5uPolicy(pa.x5uAllowedPrefixes());
        X5uAllowList allowList = new X5uAllowList(vertx, new PgX5uPrefixStore(pool),
                pa.x5uAllowedPrefixes(), policy);
        X5uFetcher fetcher = new X5uFetcher(vertx, pa.x5uMaxBytes(), pa.x5uTimeout(), clock);
        TrustModule trust = new TrustModule(vertx, pool, pa, policy, fetcher, audit, clock);
        try {
            return allowList.reload()
                    .compose(v -> trust.loadCrl(TrustAnchorFile.load(pa.trustAnchors()).roots()))
                    .await();
        } finally {
            trust.stop();
            fetcher.close();
        }
    }
}
