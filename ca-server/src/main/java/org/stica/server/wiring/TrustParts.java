package org.stica.server.wiring;

import io.vertx.sqlclient.Pool;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.stica.policy.token.PaTrustAnchors;
import org.stica.policy.token.SpcTokenVerifier;
import org.stica.policy.token.X5uPolicy;
import org.stica.policy.trust.TrustSnapshot;
import org.stica.server.audit.AuditLog;
import org.stica.server.audit.AuditOutbox;
import org.stica.server.config.StiCaConfig;
import org.stica.server.pa.PaModule;
import org.stica.server.store.pg.PgTokenReplayGuard;
import org.stica.server.store.pg.PgX5uPrefixStore;
import org.stica.server.token.TokenTypeDispatch;
import org.stica.server.token.TokenValidationService;
import org.stica.server.token.X5uAllowList;
import org.stica.server.token.X5uFetcher;
import org.stica.server.trust.TrustModule;

/**
 * STI-PA trust and authority token validation (ARCHITECTURE.md §2 step 4, RFC 9448 §6): the x5u
 * fetcher, the x5u allow-list (configured prefixes plus those added through the admin API), the
 * trust snapshot of STI-PA roots, CRL and CA list, and the token validation over them: SPC
 * tokens against the STI-PA roots, JWTClaimConstraints tokens against the claim-token trust
 * anchors (issue 19; same x5u rules, same replay bookkeeping), by the authorization's type.
 */
public record TrustParts(X5uFetcher fetcher, X5uAllowList allowList, TrustModule trust,
                         TokenTypeDispatch tokens) {

    /**
     * @param outbox            the batched outbox drain, asked after each token acceptance (the
     *                          jti claim writes the acceptance's audit event into the outbox)
     * @param claimTokenAnchors {@code rcd.claimTokenTrustAnchors}, read at start-up
     */
    public static TrustParts build(Basics basics, Pool pool, AuditLog audit, AuditOutbox outbox,
                                   List<X509Certificate> claimTokenAnchors) {
        StiCaConfig.Pa pa = basics.config().pa();
        X5uFetcher fetcher = new X5uFetcher(basics.vertx(), pa.x5uMaxBytes(), pa.x5uTimeout(),
                basics.clock());
        List<String> prefixes = new ArrayList<>(pa.x5uAllowedPrefixes());
        if (pa.role().enabled()) {
            prefixes.add(PaModule.x5uPrefix(basics.publicUrl()));
        }
        X5uPolicy x5uPolicy = new X5uPolicy(prefixes);
        X5uAllowList allowList = new X5uAllowList(basics.vertx(), new PgX5uPrefixStore(pool),
                prefixes, x5uPolicy);
        TrustModule trust = new TrustModule(basics.vertx(), pool, pa, x5uPolicy, fetcher, audit,
                basics.clock());
        Supplier<TrustSnapshot> snapshot = trust.snapshot();
        PgTokenReplayGuard replays = new PgTokenReplayGuard(pool, outbox);
        TokenValidationService spcTokens = new TokenValidationService(x5uPolicy, fetcher,
                SpcTokenVerifier.withSnapshot(snapshot, basics.clock(), pa.tokenClockSkew()),
                replays, () -> new PaTrustAnchors(snapshot.get().roots()));
        PaTrustAnchors claimRoots = new PaTrustAnchors(claimTokenAnchors);
        TokenValidationService claimTokens = new TokenValidationService(x5uPolicy, fetcher,
                SpcTokenVerifier.forClaimTokens(claimTokenAnchors, basics.clock(),
                        pa.tokenClockSkew()), replays, () -> claimRoots);
        return new TrustParts(fetcher, allowList, trust,
                new TokenTypeDispatch(List.of(spcTokens, claimTokens)));
    }
}
