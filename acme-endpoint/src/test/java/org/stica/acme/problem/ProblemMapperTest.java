package org.stica.acme.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.DependencyUnavailableException;
import org.stica.acme.port.RevocationRefused;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/** The one mapper from failures to problem documents (RFC 8555 §6.7). */
class ProblemMapperTest {
    private static final String ACME = "urn:ietf:params:acme:error:";
    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void policyCategories_mapToAcmeTypes() {
        // STANDARDS.md §3.5.12: suggested mapping of token/CSR refusals to RFC 8555 types.
        Map<Violation, String> expected = Map.of(
                Violation.TOKEN_MALFORMED, "malformed",
                Violation.TOKEN_SIGNATURE_INVALID, "unauthorized",
                Violation.TOKEN_TKVALUE_MISMATCH, "incorrectResponse",
                Violation.TOKEN_X5U_FETCH_FAILED, "connection",
                Violation.TNAUTHLIST_REJECTED, "rejectedIdentifier",
                Violation.CSR_TNAUTHLIST_MISMATCH, "badCSR",
                Violation.CSR_BAD_PUBLIC_KEY, "badPublicKey");
        expected.forEach((violation, name) -> {
            Problem problem = mapper.toProblem(new PolicyException(violation, "why"), "r");
            assertEquals(ACME + name, problem.type(), violation.name());
            assertEquals("why", problem.detail());
        });
    }

    @Test
    void unavailableDependency_isServerInternal503WithRetryAfter() {
        // issue 14 invariant 4: a dependency that is down is answered at once, with Retry-After
        ProblemMapper mapper = new ProblemMapper(failure -> failure instanceof IOException);
        for (Throwable down : List.of(new IOException("connection refused"),
                new DependencyUnavailableException("HSM", new IOException("hung")))) {
            AcmeProblem classified = (AcmeProblem) mapper.classify(down);
            assertEquals(ProblemType.SERVER_INTERNAL, classified.type());
            assertEquals(503, classified.status());
            assertEquals("5", classified.headers().get("Retry-After"));
            assertTrue(classified.detail().contains("unavailable"), classified.detail());
        }
    }

    @Test
    void refusalCausedByATimeout_keepsItsOwnProblem() {
        // an x5u fetch that timed out is the STI-PA's problem (connection), not the database's
        ProblemMapper mapper = new ProblemMapper(failure -> true);
        PolicyException refusal = new PolicyException(Violation.TOKEN_X5U_FETCH_FAILED,
                "x5u fetch timed out");

        assertSame(refusal, mapper.classify(refusal));
        assertEquals(ACME + "connection", mapper.toProblem(refusal, "r").type());
    }

    @Test
    void internalPolicyFailure_isGenericServerInternal() {
        Problem problem = mapper.toProblem(new PolicyException(Violation.PROFILE_LINT_FAILED,
                "lint e_secret_detail failed"), "req-1");
        assertEquals(ACME + "serverInternal", problem.type());
        assertEquals(500, problem.status());
        assertFalse(problem.detail().contains("e_secret_detail"));
    }

    @Test
    void unexpectedException_isGenericServerInternalWithRequestId() {
        Problem problem = mapper.toProblem(new NullPointerException("secret"), "req-2");
        assertEquals(ACME + "serverInternal", problem.type());
        assertFalse(problem.detail().contains("secret"));
        assertEquals(true, problem.detail().contains("req-2"));
    }

    @Test
    void revocationRefusals_mapByKind() {
        // RFC 8555 §7.6: alreadyRevoked, badRevocationReason, unauthorized.
        assertEquals(ACME + "alreadyRevoked", mapper.toProblem(new RevocationRefused(
                RevocationRefused.Kind.ALREADY_REVOKED, "x"), "r").type());
        assertEquals(ACME + "badRevocationReason", mapper.toProblem(new RevocationRefused(
                RevocationRefused.Kind.BAD_REASON, "x"), "r").type());
        Problem unauthorized = mapper.toProblem(new RevocationRefused(
                RevocationRefused.Kind.UNAUTHORIZED, "x"), "r");
        assertEquals(ACME + "unauthorized", unauthorized.type());
        assertEquals(403, unauthorized.status());
    }

    @Test
    void acmeProblem_rendersTypeDetailStatusAndAlgorithms() {
        JsonObject json = mapper.toProblem(AcmeProblem.badSignatureAlgorithm("no",
                List.of("ES256")), "r").toJson();
        assertEquals(new JsonObject().put("type", ACME + "badSignatureAlgorithm")
                .put("detail", "no").put("status", 400)
                .put("algorithms", new io.vertx.core.json.JsonArray().add("ES256")), json);
        assertEquals("about:blank", mapper.toProblem(new AcmeProblem(
                ProblemType.NOT_IMPLEMENTED, "later"), "r").type());
    }
}
