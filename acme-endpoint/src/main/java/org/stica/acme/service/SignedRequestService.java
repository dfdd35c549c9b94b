package org.stica.acme.service;

import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Future;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import org.stica.acme.jws.AlgorithmCheck;
import org.stica.acme.jws.ContentTypeCheck;
import org.stica.acme.jws.FlattenedJws;
import org.stica.acme.jws.FlattenedJwsCheck;
import org.stica.acme.jws.JwkCheck;
import org.stica.acme.jws.JwsAlgorithm;
import org.stica.acme.jws.KeyMode;
import org.stica.acme.jws.KeyModeCheck;
import org.stica.acme.jws.ProtectedHeader;
import org.stica.acme.jws.ProtectedHeaderCheck;
import org.stica.acme.jws.RawRequest;
import org.stica.acme.jws.RequestNonce;
import org.stica.acme.jws.SignatureCheck;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.jws.UrlCheck;
import org.stica.acme.model.Account;
import org.stica.acme.model.AccountStatus;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.store.pg.PgAccountStore;
import org.stica.policy.jose.KeyCache;

/**
 * Authenticates an ACME POST (RFC 8555 §6.2–§6.5) by running the JWS checks in order: content
 * type → flattened JWS → protected header → algorithm → jwk/kid choice → account key (unknown kid
 * → accountDoesNotExist, deactivated account → unauthorized) → signature → nonce redeemed (only
 * after the signature verified, so forged requests cannot burn nonces) → url.
 */
public final class SignedRequestService {
    private static final int CACHED_KEYS = 10_000;
    private final ContentTypeCheck contentType = new ContentTypeCheck();
    private final FlattenedJwsCheck flattened = new FlattenedJwsCheck();
    private final ProtectedHeaderCheck headers = new ProtectedHeaderCheck();
    private final AlgorithmCheck algorithms = new AlgorithmCheck();
    private final KeyModeCheck keyModes = new KeyModeCheck();
    private final JwkCheck jwks = new JwkCheck();
    private final SignatureCheck signatures = new SignatureCheck();
    private final UrlCheck urls = new UrlCheck();
    /**
     * Parsed account keys by their stored JWK JSON (parsing checks the point is on the curve,
     * which costs more than the signature check). The account itself comes from
     * {@link PgAccountStore#findById}, whose cache every status or key change evicts at once.
     */
    private final KeyCache<String, JWK> storedKeys = new KeyCache<>(CACHED_KEYS);

    private final PgAccountStore accounts;
    private final NonceService nonces;
    private final ResourceUrls resourceUrls;

    public SignedRequestService(PgAccountStore accounts, NonceService nonces,
                                ResourceUrls resourceUrls) {
        this.accounts = accounts;
        this.nonces = nonces;
        this.resourceUrls = resourceUrls;
    }

    /** Verifies the request and records its nonce as used before completing. */
    public Future<SignedRequest> verify(RawRequest request, KeyMode mode) {
        return verify(request, mode, false);
    }

    /**
     * Verifies the request, its nonce's form, MAC and expiry included, but leaves recording the
     * nonce as used to the handler ({@link SignedRequest#nonce()}): its first statement folds
     * it in, or {@link org.stica.acme.jws.RequestNonce#settle} records it on its own. The
     * handler must settle it before it answers (issue 18: one round trip fewer per request).
     */
    public Future<SignedRequest> verifyFoldingNonce(RawRequest request, KeyMode mode) {
        return verify(request, mode, true);
    }

    private Future<SignedRequest> verify(RawRequest request, KeyMode mode, boolean fold) {
        FlattenedJws jws;
        ProtectedHeader header;
        JwsAlgorithm alg;
        try {
            contentType.check(request.contentType());
            jws = flattened.parse(request.body());
            header = headers.parse(jws.protectedHeader());
            alg = algorithms.check(header.alg());
            keyModes.check(header, mode);
        } catch (AcmeProblem problem) {
            return Future.failedFuture(problem);
        }
        return signerKey(header)
                .map(signer -> verified(signer, jws, alg))
                .compose(signer -> nonces.open(header.nonce())
                        .compose(nonce -> fold ? Future.succeededFuture(nonce)
                                : nonce.settle().map(nonce))
                        .compose(nonce -> {
                            try {
                                urls.check(header, request.url());
                            } catch (AcmeProblem wrongUrl) {
                                return failedAfterSettling(nonce, wrongUrl);
                            }
                            return Future.succeededFuture(new SignedRequest(signer.key(),
                                    signer.account(), Base64.getUrlDecoder().decode(jws.payload()),
                                    nonce));
                        }));
    }

    /**
     * {@code failure}, once {@code nonce} is recorded as used (a refused request spends its
     * nonce as before; a replayed one is refused as badNonce first, RFC 8555 §6.5).
     */
    public static <T> Future<T> failedAfterSettling(RequestNonce nonce, Throwable failure) {
        return nonce.settle().transform(settled -> Future.failedFuture(settled.failed()
                ? settled.cause() : failure));
    }

    private Signer verified(Signer signer, FlattenedJws jws, JwsAlgorithm alg) {
        signatures.verify(jws, alg, signer.key());
        return signer;
    }

    private Future<Signer> signerKey(ProtectedHeader header) {
        if (header.jwk().isPresent()) {
            try {
                return Future.succeededFuture(
                        new Signer(jwks.parse(header.jwk().get()), Optional.empty()));
            } catch (AcmeProblem problem) {
                return Future.failedFuture(problem);
            }
        }
        String kid = header.kid().orElseThrow();
        Optional<String> accountId = resourceUrls.accountIdFromKid(kid);
        if (accountId.isEmpty()) {
            return Future.failedFuture(noAccount());
        }
        return accounts.findById(accountId.get()).map(this::accountSigner);
    }

    private Signer accountSigner(Optional<Account> found) {
        Account account = found.orElseThrow(SignedRequestService::noAccount);
        if (account.status() != AccountStatus.VALID) {
            throw AcmeProblem.withStatus(ProblemType.UNAUTHORIZED,
                    "account is " + account.status().wire(), 401);
        }
        return new Signer(storedKeys.get(account.jwkJson(), SignedRequestService::parseStored),
                Optional.of(account));
    }

    private static JWK parseStored(String jwkJson) {
        try {
            return JWK.parse(jwkJson);
        } catch (ParseException e) {
            throw new IllegalStateException("stored account key unreadable", e);
        }
    }

    private static AcmeProblem noAccount() {
        return new AcmeProblem(ProblemType.ACCOUNT_DOES_NOT_EXIST,
                "no account exists for the JWS kid");
    }

    private record Signer(JWK key, Optional<Account> account) {
    }
}
