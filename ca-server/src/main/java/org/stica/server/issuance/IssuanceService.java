package org.stica.server.issuance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.port.DependencyUnavailableException;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.port.RevocationRequest;
import org.stica.acme.port.StatementPart;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemMapper;
import org.stica.acme.problem.ProblemType;
import org.stica.hsm.KeyVaultException;
import org.stica.hsm.SignerPool;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.profile.CrlDistribution;
import org.stica.policy.profile.EndEntitySpec;
import org.stica.policy.profile.SerialNumbers;
import org.stica.policy.profile.ShakenCertificateTemplates;
import org.stica.policy.rcd.ConstraintsIdentifier;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.CaIssuers.ActiveIssuer;
import org.stica.server.ecosystem.StiPaCrlUnknownException;
import org.stica.server.notify.NotificationEvent;
import org.stica.server.store.pg.PgCertificateStore.ReserveOutcome;

/**
 * Issues SHAKEN end-entity certificates (ARCHITECTURE.md §2 step 6; ATIS-1000080 §6.4.1): build
 * the template from the profile, lint it FIRST on a throw-away signature, reserve the serial and
 * TBS hash in PostgreSQL (committed; a duplicate serial is redrawn), sign exactly once through
 * the {@link SignerPool} (never inside a transaction), check the signed TBS is the linted one,
 * then record the DER with its {@code certificate.issued} audit event in one statement
 * ({@link IssuanceLedger}, ARCHITECTURE.md §5 item 1). A reservation whose certificate will not
 * be delivered (the HSM failed or timed out, the signed TBS differs) is resolved as abandoned at
 * once, audited. Revocation is delegated to {@link RevocationService}.
 *
 * <p>The reservation also refuses an issuing intermediate whose certificate is revoked (issue 5,
 * CA key revocation): certificates signed under a revoked CA would never validate (RFC 5280
 * §6.1.3), so finalize fails with a clear {@code serverInternal} problem instead of signing. The
 * revocation is read from {@code ca_key_revocation} by the reservation statement itself, so every
 * instance sharing the database stops at its next issuance.
 *
 * <p>An order with a JWTClaimConstraints identifier gets the RCD delegate end-entity profile
 * ({@link ShakenCertificateTemplates#rcdDelegate}, RCD.md §8 items 7-9): the identifier's DER
 * copied byte for byte into a non-critical id-pe 27 or 33, the RCD delegate lint before signing,
 * and a notAfter no later than the earlier token {@code exp} (RFC 9447 §7), so a token already
 * expired issues nothing.
 *
 * <p>The CRLDP is the configured ecosystem's ({@link IssuerProfile#crlDistribution()}, issue 20):
 * under the STI-PA the STI-PA CRL's URL and issuer, and while that CRL is not known finalize
 * fails closed with a 503 {@code serverInternal} problem before anything is reserved.
 */
public final class IssuanceService implements CertificateAuthority {
    private static final Logger LOG = LoggerFactory.getLogger(IssuanceService.class);
    private static final Duration BACKDATE = Duration.ofMinutes(1);
    private static final int SERIAL_ATTEMPTS = 5;

    private final IssuanceLedger ledger;
    private final SignerPool signer;
    private final IssuerProfile profile;
    private final RevocationService revocation;
    private final Clock clock;
    private final Supplier<ActiveIssuer> issuers;
    private final PreIssuanceLint lint = new PreIssuanceLint();
    private final SecureRandom random = new SecureRandom();

    /** Always issuing with the profile's intermediate ({@code intermediate-1}). */
    public IssuanceService(IssuanceLedger ledger, SignerPool signer, IssuerProfile profile,
                           RevocationService revocation, Clock clock) {
        this(ledger, signer, profile, revocation, clock, () -> new ActiveIssuer(
                CaAliases.INTERMEDIATE, profile.hierarchy().intermediate()));
    }

    /**
     * Issuing with whichever intermediate {@code issuers} names active when a request arrives
     * (intermediate rollover, {@link org.stica.server.ca.CaIssuers}); one issuance uses one.
     */
    public IssuanceService(IssuanceLedger ledger, SignerPool signer, IssuerProfile profile,
                           RevocationService revocation, Clock clock,
                           Supplier<ActiveIssuer> issuers) {
        this.ledger = ledger;
        this.signer = signer;
        this.profile = profile;
        this.revocation = revocation;
        this.clock = clock;
        this.issuers = issuers;
    }

    @Override
    public Future<IssuedCertificate> issue(IssuanceRequest request) {
        ActiveIssuer issuer = issuers.get();
        if (request.ca() && request.claimConstraints().isPresent()) {
            return Future.failedFuture(new PolicyException(Violation.JWT_CLAIM_CONSTRAINTS_REJECTED,
                    "JWTClaimConstraints are for end-entity certificates only (RFC 8226 §8)"));
        }
        if (request.ca() && issuer.certificate().getBasicConstraints() < 1) {
            return Future.failedFuture(new PolicyException(Violation.TOKEN_CA_FLAG_MISMATCH,
                    "this CA's issuing intermediate has pathLenConstraint 0 and cannot issue"
                            + " SCA (shaken-sca) certificates; atc.ca must be false"));
        }
        return reserve(request, issuer, SERIAL_ATTEMPTS)
                .compose(prepared -> sign(issuer, prepared)
                        .compose(certificate -> record(request, issuer, prepared, certificate)));
    }

    @Override
    public Future<Void> revoke(RevocationRequest request) {
        return revocation.revoke(request);
    }

    /** Prepares and lints a template, then reserves its serial; redraws on a duplicate serial. */
    private Future<PreparedCertificate> reserve(IssuanceRequest request, ActiveIssuer issuer,
                                                int attemptsLeft) {
        PreparedCertificate prepared;
        try {
            prepared = prepare(request, issuer.certificate());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        CertificateReservation reservation = new CertificateReservation(prepared.serialHex(),
                issuer.alias(), Optional.ofNullable(request.accountId()),
                Optional.ofNullable(request.orderId()), request.spc(), prepared.tbsSha256(),
                prepared.notBefore(), prepared.notAfter());
        return ledger.reserve(reservation).compose(outcome -> {
            if (outcome == ReserveOutcome.RESERVED) {
                return Future.succeededFuture(prepared);
            }
            if (outcome == ReserveOutcome.ISSUER_REVOKED) {
                return Future.failedFuture(issuerRevoked(issuer.alias()));
            }
            if (attemptsLeft <= 1) {
                return Future.failedFuture(new IllegalStateException(
                        "could not reserve a unique serial after " + SERIAL_ATTEMPTS + " draws"));
            }
            LOG.warn("serial {} already taken; drawing another", prepared.serialHex());
            return reserve(request, issuer, attemptsLeft - 1);
        });
    }

    private static AcmeProblem issuerRevoked(String alias) {
        return new AcmeProblem(ProblemType.SERVER_INTERNAL, "the issuing CA certificate ('"
                + alias + "') has been revoked; this CA issues no certificates until a new"
                + " intermediate is in place");
    }

    /** Builds the EE template and lints it; nothing is stored or signed if the lint fails. */
    private PreparedCertificate prepare(IssuanceRequest request, X509Certificate issuer) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = notAfter(request, issuer, now);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("requested notAfter is not after notBefore");
        }
        CrlDistribution crl = crlDistribution();
        BigInteger serial = SerialNumbers.random(random);
        EndEntitySpec spec = new EndEntitySpec(issuer, request.subjectKey(), serial, request.spc(),
                request.subscriber(), request.requestedSubject(), notBefore, notAfter,
                profile.policyOid(), crl.url(), crl.crlIssuer());
        if (request.claimConstraints().isPresent()) {
            ConstraintsIdentifier claims = request.claimConstraints().get();
            X509v3CertificateBuilder builder = ShakenCertificateTemplates.rcdDelegate(spec,
                    claims);
            return new PreparedCertificate(builder, serial, notBefore, notAfter,
                    lint.lintRcdDelegate(builder, issuer, request.subscriber(), request.spc(),
                            crl, claims.der()));
        }
        X509v3CertificateBuilder builder = request.ca() ? ShakenCertificateTemplates.sca(spec)
                : ShakenCertificateTemplates.endEntity(spec);
        byte[] tbsSha256 = request.ca() ? lint.lintSca(builder, issuer, request.subscriber(),
                request.spc(), crl) : lint.lint(builder, issuer, request.subscriber(),
                request.spc(), crl);
        return new PreparedCertificate(builder, serial, notBefore, notAfter, tbsSha256);
    }

    /**
     * The CRLDP of the configured ecosystem; under the STI-PA while its CRL is not known, a
     * 503 {@code serverInternal} with Retry-After saying so (fail closed: nothing is reserved,
     * nothing signed; issue 20).
     */
    private CrlDistribution crlDistribution() {
        try {
            return profile.crlDistribution().get();
        } catch (StiPaCrlUnknownException e) {
            LOG.warn("issuance refused: {}", e.getMessage());
            throw AcmeProblem.unavailable(e.getMessage() + ". Retry after "
                    + ProblemMapper.UNAVAILABLE_RETRY_AFTER.toSeconds() + " seconds.",
                    ProblemMapper.UNAVAILABLE_RETRY_AFTER);
        }
    }

    /**
     * min(requested notAfter, now + max validity, the intermediate's notAfter), and for an RCD
     * delegate also the token {@code exp} (RFC 9447 §7: SHOULD NOT outlive the token; RCD.md §8
     * item 8): a token expired by now issues nothing.
     */
    private Instant notAfter(IssuanceRequest request, X509Certificate issuer, Instant now) {
        Instant limit = now.plus(profile.maxValidity());
        if (request.claimConstraints().isPresent()) {
            if (!request.tokenExpires().isAfter(now)) {
                throw new PolicyException(Violation.TOKEN_EXPIRED, "an authority token of this"
                        + " order expired at " + request.tokenExpires() + "; an RCD"
                        + " certificate does not outlive its tokens, so order again with fresh"
                        + " tokens");
            }
            limit = request.tokenExpires().truncatedTo(ChronoUnit.SECONDS).isBefore(limit)
                    ? request.tokenExpires().truncatedTo(ChronoUnit.SECONDS) : limit;
        }
        Instant issuerEnd = issuer.getNotAfter().toInstant();
        if (issuerEnd.isBefore(limit)) {
            limit = issuerEnd;
        }
        if (request.notAfter().isPresent() && request.notAfter().get().isBefore(limit)) {
            limit = request.notAfter().get().truncatedTo(ChronoUnit.SECONDS);
        }
        return limit;
    }

    /** Signs once; on failure the reservation is abandoned (nothing was delivered). */
    private Future<X509CertificateHolder> sign(ActiveIssuer issuer, PreparedCertificate prepared) {
        return signer.withSigner(issuer.alias(), prepared.builder()::build)
                .recover(failure -> {
                    LOG.error("signing serial {} failed; its reservation is abandoned",
                            prepared.serialHex(), failure);
                    return ledger.abandon(prepared.serialHex(), "signing failed: "
                                    + failure.getMessage())
                            .compose(v -> Future.failedFuture(signingFailure(failure)));
                });
    }

    /** An HSM that does not answer is a dependency outage (503 Retry-After), not a bug. */
    private static Throwable signingFailure(Throwable failure) {
        return failure instanceof KeyVaultException vault
                && vault.kind() == KeyVaultException.Kind.UNAVAILABLE
                ? new DependencyUnavailableException("HSM", failure) : failure;
    }

    private Future<IssuedCertificate> record(IssuanceRequest request, ActiveIssuer issuer,
                                             PreparedCertificate prepared,
                                             X509CertificateHolder signed) {
        if (!Arrays.equals(PreIssuanceLint.tbsSha256(signed), prepared.tbsSha256())) {
            return ledger.abandon(prepared.serialHex(), "the signed TBSCertificate differs from"
                    + " the linted one").compose(v -> Future.failedFuture(
                    new IllegalStateException("signed TBSCertificate of serial "
                    + prepared.serialHex() + " differs from the linted one")));
        }
        X509Certificate certificate;
        byte[] der;
        try {
            certificate = new JcaX509CertificateConverter().getCertificate(signed);
            der = certificate.getEncoded();
        } catch (CertificateException e) {
            return Future.failedFuture(e);
        }
        IssuedCertificate issued = new IssuedCertificate(prepared.serialHex(),
                List.of(certificate, issuer.certificate()), profile.x5uOf(prepared.serialHex()));
        Optional<StatementPart> order = request.orderRecord().map(part -> part.apply(issued));
        return ledger.recordIssued(prepared.serialHex(), der,
                issuedEvent(request, issuer, prepared), order).map(orderRecorded -> {
            // RFC 9447 §7 (SHOULD NOT outlive the token) is applied as "shaken-compat"
            // (STANDARDS.md §3.5.13): allowed, but recorded.
            LOG.info("issued certificate serial={} spc={} account={} order={} notAfter={}"
                    + " tokenExpires={} outlivesToken={}", prepared.serialHex(), request.spc(),
                    request.accountId(), request.orderId(), prepared.notAfter(),
                    request.tokenExpires(), prepared.notAfter().isAfter(request.tokenExpires()));
            return new IssuedCertificate(issued.serialHex(), issued.chain(), issued.x5u(),
                    orderRecorded);
        });
    }

    /**
     * {@code certificate.issued}: serial (subject), SPC, account, order, TBS hash, and for an RCD
     * delegate the JWTClaimConstraints OID and identifier value.
     */
    private OutboxEvent issuedEvent(IssuanceRequest request, ActiveIssuer issuer,
                                    PreparedCertificate prepared) {
        JsonObject details = new JsonObject().put("spc", request.spc())
                .put("order", request.orderId()).put("account", request.accountId())
                .put("ca", request.ca()).put("issuer", issuer.alias())
                .put("tbsSha256", HexFormat.of().formatHex(prepared.tbsSha256()))
                .put("notAfter", prepared.notAfter().toString());
        request.claimConstraints().ifPresent(claims -> details.put("claimConstraintsOid",
                claims.oid().getId()).put("claimConstraints", claims.value()));
        // the holder's webhook notice rides in the same statement (issue 15)
        String notice = NotificationEvent.issued(prepared.serialHex(), request.spc(),
                prepared.notAfter(), profile.x5uOf(prepared.serialHex()).toString()).data()
                .encode();
        return new OutboxEvent(clock.instant(), "certificate.issued",
                request.accountId() == null ? "system" : request.accountId(), details.encode(),
                notice);
    }
}
