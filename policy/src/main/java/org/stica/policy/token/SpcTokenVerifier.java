package org.stica.policy.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.jose.EcdsaJwsVerifier;
import org.stica.policy.jose.KeyCache;
import org.stica.policy.trust.PaSignerPath;
import org.stica.policy.trust.TrustSnapshot;

/**
 * Fail-closed authority token verification (RFC 9448 §6 steps 2-9, STANDARDS.md §3.5 steps
 * 4-10), in order: signer (first x5u certificate) chains to a trusted root and is valid now;
 * ES256 signature (Bouncy Castle, signer keys decoded once and cached); {@code exp}/{@code nbf}
 * with skew; {@code tktype}; {@code tkvalue} DER equals the identifier; fingerprint equals the
 * account key (JWK-thumbprint or SPKI form); {@code ca} flag. Replay ({@code jti}, RFC 9447
 * §3.3) is the caller's next step: it needs shared state, which this module does not hold
 * (ca-server claims the jti in PostgreSQL).
 *
 * <p>One verifier checks one {@link TokenType}: SPC tokens ({@code TNAuthList}) against the
 * STI-PA roots (the constructors, {@link #withSnapshot}), or JWTClaimConstraints tokens against
 * the claim-token trust anchors ({@link #forClaimTokens}; RCD.md §6, §8 items 4-5), which are
 * configured on their own and never include the STI-PA's automatically.
 *
 * <p>Path validation uses the JDK PKIX validator at the clock's time; revocation is then checked
 * against the STI-PA CRL of the {@link TrustSnapshot} ({@link Violation#TOKEN_SIGNER_REVOKED}),
 * and a stale snapshot refuses every token ({@link Violation#TRUST_SNAPSHOT_STALE}). No
 * configured roots means every token is refused. The verifier does no I/O: the caller fetches
 * the x5u chain (after {@link X5uPolicy}) and passes it in.
 */
public final class SpcTokenVerifier {
    /** {@code atc.tktype} for TNAuthList tokens, compared exactly (RFC 9448 §5.4). */
    public static final String TKTYPE = "TNAuthList";

    private static final Pattern FINGERPRINT_SHAPE = Pattern.compile("(\\S+) (\\S+)");
    private static final Pattern SHA256_HEX =
            Pattern.compile("([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}");
    private static final int ES256_SIGNATURE_BYTES = 64;
    /** Distinct STI-PA signer keys whose decoded form is kept (a handful in practice). */
    private static final int CACHED_SIGNER_KEYS = 256;
    private static final EcdsaJwsVerifier ES256 = new EcdsaJwsVerifier(CACHED_SIGNER_KEYS);
    /**
     * Tokens whose ES256 signature verified, with the key that verified it: a token presented
     * again (an account may reuse its token until it expires, RFC 9447 §3.3; carriers present
     * the same token on every order) skips the ECDSA computation, whose outcome for the same
     * bytes and key cannot differ. Only successes are kept; every other check still runs on
     * every presentation.
     */
    private static final int CACHED_TOKENS = 4096;
    private static final KeyCache<SignedBy, Boolean> VERIFIED_SIGNATURES =
            new KeyCache<>(CACHED_TOKENS);
    /** x5u chains that passed PKIX validation, per set of roots. */
    private static final KeyCache<ValidatedPath, Boolean> VALIDATED_PATHS =
            new KeyCache<>(CACHED_SIGNER_KEYS);

    private final Supplier<TrustSnapshot> trust;
    private final Clock clock;
    private final Duration skew;
    private final TokenType type;

    /**
     * @param trust the current STI-PA roots (read on every verification)
     * @param clock the time source
     * @param skew  tolerated clock skew for {@code exp} and {@code nbf} (0 to 60 s recommended)
     */
    public SpcTokenVerifier(Supplier<PaTrustAnchors> trust, Clock clock, Duration skew) {
        this(clock, skew, snapshotOf(Objects.requireNonNull(trust, "trust")),
                TokenType.TN_AUTH_LIST);
    }

    private SpcTokenVerifier(Clock clock, Duration skew, Supplier<TrustSnapshot> trust,
                             TokenType type) {
        this.trust = trust;
        this.type = type;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
        if (skew.isNegative()) {
            throw new IllegalArgumentException("skew must not be negative");
        }
    }

    /**
     * A verifier reading the full trust snapshot (roots, STI-PA CRL, freshness) on every call.
     *
     * @param snapshot the current snapshot (STANDARDS.md §3.5 step 4)
     */
    public static SpcTokenVerifier withSnapshot(Supplier<TrustSnapshot> snapshot, Clock clock,
                                                Duration skew) {
        return new SpcTokenVerifier(clock, skew, Objects.requireNonNull(snapshot, "snapshot"),
                TokenType.TN_AUTH_LIST);
    }

    /**
     * A verifier of JWTClaimConstraints tokens ({@code atc.tktype} {@code JWTClaimConstraints},
     * RCD.md §8 item 4): their signers must chain to {@code anchors}, the claim-token trust
     * anchors; none means every token is refused. No CRL applies to them.
     */
    public static SpcTokenVerifier forClaimTokens(List<X509Certificate> anchors, Clock clock,
                                                  Duration skew) {
        TrustSnapshot roots = TrustSnapshot.ofRoots(List.copyOf(anchors));
        return new SpcTokenVerifier(clock, skew, () -> roots, TokenType.JWT_CLAIM_CONSTRAINTS);
    }

    /** The kind of token this verifier accepts. */
    public TokenType type() {
        return type;
    }

    private static Supplier<TrustSnapshot> snapshotOf(Supplier<PaTrustAnchors> anchors) {
        return () -> {
            PaTrustAnchors current = anchors.get();
            return TrustSnapshot.ofRoots(current == null ? List.of() : current.roots());
        };
    }

    /** Returns the verdict or throws {@link org.stica.policy.PolicyException}. */
    public TokenVerdict verify(SpcToken token, List<X509Certificate> x5uChain,
                               TokenExpectations expected) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(x5uChain, "x5uChain");
        Objects.requireNonNull(expected, "expected");
        Instant now = clock.instant();
        X509Certificate signer = trustedSigner(x5uChain, now);
        checkSignature(token.jws(), signer);
        checkTimes(token, now);
        checkTktype(token.tktype());
        type.checkTkvalue(token.tkvalue(), expected.identifierDer());
        FingerprintForm form = checkFingerprint(token.fingerprint(), expected);
        if (token.ca() != expected.ca()) {
            throw new PolicyException(Violation.TOKEN_CA_FLAG_MISMATCH, "atc.ca is " + token.ca()
                    + " but this order requires " + expected.ca());
        }
        return new TokenVerdict(token.jti(), token.expires(), token.ca(), form, signer);
    }

    private X509Certificate trustedSigner(List<X509Certificate> x5uChain, Instant now) {
        if (x5uChain.isEmpty()) {
            throw untrusted("x5u holds no certificate");
        }
        X509Certificate signer = x5uChain.get(0);
        TrustSnapshot anchors = trust.get();
        if (anchors == null || anchors.roots().isEmpty()) {
            throw untrusted("no " + type.anchors() + " trust anchors are configured");
        }
        anchors.staleness(now).ifPresent(reason -> {
            throw new PolicyException(Violation.TRUST_SNAPSHOT_STALE,
                    "STI-PA trust is stale: " + reason);
        });
        validatePath(x5uChain, anchors.roots(), now, type);
        try {
            signer.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw untrusted("token signer certificate has expired");
        } catch (CertificateNotYetValidException e) {
            throw untrusted("token signer certificate is not yet valid");
        }
        boolean[] keyUsage = signer.getKeyUsage();
        if (keyUsage != null && !keyUsage[0]) {
            throw untrusted("token signer certificate key usage lacks digitalSignature");
        }
        if (anchors.revoked(signer)) {
            throw new PolicyException(Violation.TOKEN_SIGNER_REVOKED,
                    "token signer certificate is on the STI-PA CRL");
        }
        return signer;
    }

    /**
     * PKIX-validates the x5u chain to the roots. A chain that validated before against the same
     * roots is not validated again while every one of its certificates is within its validity
     * (the only input of PKIX that changes with time; revocation is checked separately).
     */
    private static void validatePath(List<X509Certificate> x5uChain,
                                     List<X509Certificate> roots, Instant now, TokenType type) {
        if (!allValidAt(x5uChain, now)) {
            validateNow(x5uChain, roots, now, type);
            return;
        }
        VALIDATED_PATHS.get(new ValidatedPath(List.copyOf(x5uChain), List.copyOf(roots)),
                path -> {
                    validateNow(x5uChain, roots, now, type);
                    return Boolean.TRUE;
                });
    }

    private static void validateNow(List<X509Certificate> x5uChain, List<X509Certificate> roots,
                                    Instant now, TokenType type) {
        PaSignerPath.validate(x5uChain.get(0), x5uChain.subList(1, x5uChain.size()), roots, now,
                "token signer", type.anchors()).ifPresent(reason -> {
                    throw untrusted(reason);
                });
    }

    private static boolean allValidAt(List<X509Certificate> certificates, Instant now) {
        Date date = Date.from(now);
        for (X509Certificate certificate : certificates) {
            if (date.before(certificate.getNotBefore()) || date.after(certificate.getNotAfter())) {
                return false;
            }
        }
        return true;
    }

    /** An x5u chain and the roots it validated against (certificates compare by encoding). */
    private record ValidatedPath(List<X509Certificate> chain, List<X509Certificate> roots) {
    }

    private static void checkSignature(JWSObject jws, X509Certificate signer) {
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
            throw new PolicyException(Violation.TOKEN_ALG_NOT_ALLOWED, "alg must be ES256");
        }
        if (!(signer.getPublicKey() instanceof ECPublicKey key)
                || !Curve.P_256.equals(Curve.forECParameterSpec(key.getParams()))) {
            throw invalidSignature("token signer key is not an EC P-256 key");
        }
        if (jws.getSignature() == null
                || jws.getSignature().decode().length != ES256_SIGNATURE_BYTES) {
            throw invalidSignature("ES256 signature must be 64 bytes (R||S)");
        }
        String compact = jws.getParsedString();
        if (compact == null) {
            verifyEs256(jws, key);
            return;
        }
        VERIFIED_SIGNATURES.get(new SignedBy(compact, signer), signed -> {
            verifyEs256(jws, key);
            return Boolean.TRUE;
        });
    }

    private static void verifyEs256(JWSObject jws, ECPublicKey key) {
        boolean valid;
        try {
            valid = ES256.verify(EcdsaJwsVerifier.Alg.ES256, key, jws.getSigningInput(),
                    jws.getSignature().decode());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw invalidSignature("token signature cannot be verified");
        }
        if (!valid) {
            throw invalidSignature("token signature does not verify with the x5u signer key");
        }
    }

    /**
     * A token, exactly as presented (its compact serialization: header, payload and signature),
     * and the certificate whose key verified its signature (certificates compare by encoding).
     */
    private record SignedBy(String compact, X509Certificate signer) {
    }

    private void checkTimes(SpcToken token, Instant now) {
        if (!token.expires().isAfter(now.minus(skew))) {
            throw new PolicyException(Violation.TOKEN_EXPIRED,
                    "token expired at " + token.expires());
        }
        token.notBefore().ifPresent(nbf -> {
            if (nbf.isAfter(now.plus(skew))) {
                throw new PolicyException(Violation.TOKEN_NOT_YET_VALID,
                        "token is not valid before " + nbf);
            }
        });
    }

    private void checkTktype(String tktype) {
        if (!type.wire().equals(tktype)) {
            throw new PolicyException(Violation.TOKEN_WRONG_TKTYPE,
                    "atc.tktype must be exactly " + type.wire());
        }
    }

    private static FingerprintForm checkFingerprint(String fingerprint,
                                                    TokenExpectations expected) {
        Matcher shape = FINGERPRINT_SHAPE.matcher(fingerprint);
        if (!shape.matches()) {
            throw new PolicyException(Violation.TOKEN_FINGERPRINT_MALFORMED,
                    "atc.fingerprint must be \"SHA256 \" followed by 32 colon-separated hex bytes");
        }
        if (!AccountKeyFingerprints.HASH_NAME.equals(shape.group(1))) {
            throw new PolicyException(Violation.TOKEN_FINGERPRINT_ALG_UNSUPPORTED,
                    "atc.fingerprint hash must be SHA256 (the only one RFC 9448 §5.4 defines)");
        }
        if (!SHA256_HEX.matcher(shape.group(2)).matches()) {
            throw new PolicyException(Violation.TOKEN_FINGERPRINT_MALFORMED,
                    "atc.fingerprint must hold 32 colon-separated hex bytes after SHA256");
        }
        String presented = fingerprint.toUpperCase(Locale.ROOT);
        if (presented.equals(jwkFormOrNull(expected))) {
            return FingerprintForm.JWK_THUMBPRINT;
        }
        if (presented.equals(AccountKeyFingerprints.spkiForm(expected.accountKey()))) {
            return FingerprintForm.SPKI;
        }
        throw new PolicyException(Violation.TOKEN_FINGERPRINT_MISMATCH,
                "atc.fingerprint does not match the account key (neither JWK-thumbprint nor SPKI"
                        + " form)");
    }

    private static String jwkFormOrNull(TokenExpectations expected) {
        try {
            return AccountKeyFingerprints.jwkThumbprintForm(expected.accountKey());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static PolicyException untrusted(String detail) {
        return new PolicyException(Violation.TOKEN_SIGNER_UNTRUSTED, detail);
    }

    private static PolicyException invalidSignature(String detail) {
        return new PolicyException(Violation.TOKEN_SIGNATURE_INVALID, detail);
    }
}
