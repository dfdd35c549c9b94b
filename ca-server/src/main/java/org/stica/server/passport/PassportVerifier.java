package org.stica.server.passport;

import com.nimbusds.jose.JWSObject;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.stica.policy.rcd.RcdPassportCheck;
import org.stica.policy.rcd.RcdResourceFetcher;
import org.stica.policy.rcd.RcdVerification;
import org.stica.policy.rcd.RuleVerdict;

/**
 * Checks one PASSporT (compact JWS) and its x5u chain as a verifier would (RCD.md §9): the
 * {@code passport format} and {@code ppt} rules, then {@link SignerChecks} ({@code signature},
 * {@code certificate path}, {@code orig coverage}), then {@link RcdPassportCheck} (constraints,
 * {@code rcd} construction, {@code rcdi} digests recomputed over resources fetched through the
 * given {@link RcdResourceFetcher}). Every rule runs even after a failure, so a carrier sees all
 * that is wrong at once; the result passes only if every rule does.
 */
public final class PassportVerifier {
    private final X509Certificate root;
    private final RcdResourceFetcher fetcher;
    private final Clock clock;

    /**
     * @param root    the trust anchor the chain must reach (our root)
     * @param fetcher how resources the rcd references are fetched
     */
    public PassportVerifier(X509Certificate root, RcdResourceFetcher fetcher, Clock clock) {
        this.root = root;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * @param compact the PASSporT as a compact JWS
     * @param chain   the x5u chain, signer first (a copy of the root in it is ignored)
     */
    public Future<RcdVerification> verify(String compact, List<X509Certificate> chain) {
        List<RuleVerdict> verdicts = new ArrayList<>();
        JWSObject jws;
        JsonObject payload;
        try {
            jws = JWSObject.parse(compact.strip());
            payload = new JsonObject(jws.getPayload().toString());
        } catch (ParseException | DecodeException | ClassCastException e) {
            verdicts.add(SignerChecks.fail("passport format", "not a compact JWS with a JSON"
                    + " object payload (RFC 8225 §7)"));
            return Future.succeededFuture(new RcdVerification(verdicts));
        }
        if (chain.isEmpty()) {
            verdicts.add(SignerChecks.fail("passport format", "the x5u chain holds no"
                    + " certificate"));
            return Future.succeededFuture(new RcdVerification(verdicts));
        }
        verdicts.add(SignerChecks.pass("passport format", "compact JWS, alg "
                + jws.getHeader().getAlgorithm() + ", x5u " + jws.getHeader().getX509CertURL()));
        X509Certificate leaf = chain.get(0);
        X509CertificateHolder leafHolder = SignerChecks.holder(leaf);
        verdicts.add(passportType(jws, payload));
        verdicts.add(SignerChecks.signature(jws, leaf));
        verdicts.add(SignerChecks.path(chain, root, clock.instant()));
        verdicts.add(SignerChecks.origCoverage(payload, leafHolder));
        return RcdPassportCheck.check(payload, leafHolder, fetcher).map(rcd -> {
            verdicts.addAll(rcd.verdicts());
            return new RcdVerification(verdicts);
        });
    }

    /**
     * RCD.md §9 item 2: no {@code ppt} (a base PASSporT), {@code shaken}, or {@code rcd} holding
     * an {@code rcd} or {@code crn} claim (RFC 9795 §8); any other ppt is unsupported here
     * (RFC 8225 §8.1).
     */
    private static RuleVerdict passportType(JWSObject jws, JsonObject payload) {
        Object ppt = jws.getHeader().getCustomParam("ppt");
        if (ppt == null || "shaken".equals(ppt)) {
            return SignerChecks.pass("ppt", ppt == null ? "absent (RFC 8225)"
                    : "shaken (RFC 8588)");
        }
        if ("rcd".equals(ppt)) {
            return payload.containsKey("rcd") || payload.containsKey("crn")
                    ? SignerChecks.pass("ppt", "rcd with an rcd or crn claim (RFC 9795 §8)")
                    : SignerChecks.fail("ppt", "rcd without an rcd or crn claim (RFC 9795 §8)");
        }
        return SignerChecks.fail("ppt", "unsupported ppt " + ppt + " (RFC 8225 §8.1)");
    }
}
