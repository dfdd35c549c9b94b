package org.stica.server.audit;

import org.stica.server.TestSubscribers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.CertificateAuthority;
import org.stica.acme.port.IssuanceRequest;
import org.stica.acme.port.IssuanceOutcomeUnknownException;
import org.stica.acme.port.IssuedCertificate;
import org.stica.acme.port.RevocationRequest;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.token.FingerprintForm;
import org.stica.policy.token.TokenVerdict;

/**
 * The audited ports record the decision they return: a success once it is committed, a refusal
 * as a refusal — and a success whose record failed is a failure to the caller without being
 * logged as a refusal (it was not one). STANDARDS.md §4.5 item 3: every token validation with
 * its decision, every issuance and revocation is an audit event.
 */
class AuditedOutcomeTest {
    private static final IssuanceRequest ISSUE = new IssuanceRequest("acct-1", "order-1", null,
            new byte[] {1}, "1234", false, Optional.empty(), Optional.empty(), Instant.EPOCH,
            TestSubscribers.CARRIER, Optional.empty());
    private static final TokenValidationRequest TOKEN = new TokenValidationRequest("t.o.k",
            new byte[] {1}, null, "acct-1", false);

    /** Records events, or refuses to record those of one type. */
    private static final class Log implements AuditLog {
        final List<AuditEvent> recorded = new ArrayList<>();
        final String failingType;

        Log(String failingType) {
            this.failingType = failingType;
        }

        @Override
        public Future<Void> record(AuditEvent event) {
            if (event.type().equals(failingType)) {
                return Future.failedFuture(new IllegalStateException("audit database down"));
            }
            recorded.add(event);
            return Future.succeededFuture();
        }
    }

    private static CertificateAuthority ca(Future<IssuedCertificate> outcome) {
        return new CertificateAuthority() {
            @Override
            public Future<IssuedCertificate> issue(IssuanceRequest request) {
                return outcome;
            }

            @Override
            public Future<Void> revoke(RevocationRequest request) {
                return Future.failedFuture(new UnsupportedOperationException());
            }
        };
    }

    private static IssuedCertificate issued() {
        return new IssuedCertificate("0a1b", List.of(), URI.create("http://x/cr/0a1b.pem"));
    }

    @Test
    void issue_succeeded_isReturnedWithoutASecondEvent() {
        // certificate.issued is written by the issuance itself, in the statement that records
        // the certificate (IssuanceLedger, issue 14): recording it here again would duplicate it
        Log log = new Log("none");
        IssuedCertificate cert = issued();

        IssuedCertificate result = new AuditedCertificateAuthority(
                ca(Future.succeededFuture(cert)), log).issue(ISSUE).await();

        assertSame(cert, result);
        assertEquals(List.of(), types(log));
    }

    @Test
    void issue_refused_isRecordedAsRefusalAndTheRefusalReturned() {
        Log log = new Log("none");
        PolicyException refusal = new PolicyException(Violation.TOKEN_CA_FLAG_MISMATCH, "no");

        Future<IssuedCertificate> result = new AuditedCertificateAuthority(
                ca(Future.failedFuture(refusal)), log).issue(ISSUE);

        assertSame(refusal, result.cause());
        assertEquals(List.of("certificate.issue-refused"), types(log));
    }

    @Test
    void issue_outcomeUnknown_isNotRecordedAsARefusal() {
        // the certificate may exist (its record was cut off): a refusal event would be false
        Log log = new Log("none");
        IssuanceOutcomeUnknownException unknown = new IssuanceOutcomeUnknownException(
                "record not confirmed", null);

        Future<IssuedCertificate> result = new AuditedCertificateAuthority(
                ca(Future.failedFuture(unknown)), log).issue(ISSUE);

        assertSame(unknown, result.cause());
        assertEquals(List.of(), types(log), "a possibly issued certificate was logged as refused");
    }

    @Test
    void token_accepted_isReturnedWithoutAnAppend_theJtiClaimRecordsIt() {
        Log log = new Log("spc-token.accepted");  // an append would fail
        TokenVerdict verdict = new TokenVerdict("jti-1", Instant.EPOCH, false,
                FingerprintForm.values()[0], null);

        Future<TokenVerdict> result = new AuditedTokenValidator(
                request -> Future.succeededFuture(verdict), log).validate(TOKEN);

        assertSame(verdict, result.result());
        assertEquals(List.of(), types(log));
    }

    @Test
    void token_refused_isRecordedWithItsViolation() {
        Log log = new Log("none");
        PolicyException refusal = new PolicyException(Violation.TOKEN_JTI_REPLAYED, "seen");

        Future<TokenVerdict> result = new AuditedTokenValidator(
                request -> Future.failedFuture(refusal), log).validate(TOKEN);

        assertSame(refusal, result.cause());
        assertEquals(List.of("spc-token.refused"), types(log));
        assertEquals("TOKEN_JTI_REPLAYED", log.recorded.get(0).details().getString("reason"));
    }

    private static List<String> types(Log log) {
        return log.recorded.stream().map(AuditEvent::type).toList();
    }
}
