package org.stica.policy.rcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/** The constraint lint (RCD.md §8 items 2–3), each refusal with its source section. */
class JwtClaimConstraintsLintTest {
    private static final JwtClaimConstraints.ClaimValues RCDI = new JwtClaimConstraints.ClaimValues(
            "rcdi", List.of(RcdVectors.EXAMPLE_RCDI));

    @Test
    void lint_workedExample_isClean() {
        assertEquals(List.of(), JwtClaimConstraintsLint.lint(
                JwtClaimConstraintsCodecTest.exampleConstraints()));
    }

    @Test
    void lint_baselineClaimInMustInclude_finding() {
        // RFC 8226 §8, RFC 9118 §3 item 1: iat, orig, dest SHOULD NOT be listed.
        assertEquals(List.of("mustInclude must not list the baseline claim iat"
                + " (RFC 8226 §8; RFC 9118 §3 item 1)"), lint(List.of("rcd", "iat"), List.of()));
    }

    @Test
    void lint_baselineClaimInMustExclude_finding() {
        // RFC 9118 §3 item 3: MUST NOT list iat, orig or dest.
        assertEquals(List.of("mustExclude must not list the baseline claim dest"
                + " (RFC 9118 §3 item 3)"), lint(List.of("rcd"), List.of("dest")));
    }

    @Test
    void lint_claimInBothLists_finding() {
        // RFC 9118 §8: do not mustInclude and mustExclude the same claim.
        assertEquals(List.of("claim crn is in both mustInclude and mustExclude (RFC 9118 §8)"),
                lint(List.of("rcd", "crn"), List.of("crn")));
    }

    @Test
    void lint_rcdiInMustExclude_finding() {
        // RFC 9118 §8: SHOULD NOT mustExclude rcdi (refused here).
        assertEquals(List.of("mustExclude must not list rcdi (RFC 9118 §8)"),
                lint(List.of("rcd"), List.of("rcdi")));
    }

    @Test
    void lint_rcdiWithoutRcd_finding() {
        // RFC 9795 §6: rcdi only together with rcd; §6.3 mustInclude both.
        assertEquals(List.of("mustInclude of rcdi needs rcd in mustInclude (RFC 9795 §6, §6.3)"),
                lint(List.of("rcdi"), List.of()));
    }

    @Test
    void lint_nonCanonicalOrInvalidPermittedRcdi_finding() {
        // RCD.md §8 item 3, RFC 8225 §9: permitted rcdi in canonical form; RFC 9795 §6 digests.
        String spaced = RcdVectors.EXAMPLE_RCDI.replace(",", ", ");
        assertEquals(List.of("a permitted rcdi value is not in RFC 8225 §9 canonical form"
                + " (RCD.md §8 item 3)"), JwtClaimConstraintsLint.lint(new JwtClaimConstraints(
                List.of("rcd", "rcdi"), List.of(new JwtClaimConstraints.ClaimValues("rcdi",
                List.of(spaced))), List.of())));
        List<String> findings = JwtClaimConstraintsLint.lint(new JwtClaimConstraints(
                List.of("rcd", "rcdi"), List.of(new JwtClaimConstraints.ClaimValues("rcdi",
                List.of("{\"/nam\":\"md5-abc\"}"))), List.of()));
        assertEquals(1, findings.size(), findings::toString);
        assertTrue(findings.get(0).startsWith("a permitted rcdi value is invalid"), findings::toString);
    }

    @Test
    void lint_permittedRcdWithoutNam_finding() {
        // RFC 9795 §5.1.1: nam MUST appear.
        List<String> findings = JwtClaimConstraintsLint.lint(new JwtClaimConstraints(
                List.of("rcd"), List.of(new JwtClaimConstraints.ClaimValues("rcd",
                List.of("{\"icn\":\"https://example.com/a.png\"}"))), List.of()));
        assertEquals(List.of("a permitted rcd value is invalid: rcd must hold nam"
                + " (RFC 9795 §5.1.1)"), findings);
    }

    @Test
    void build_rcdiThatLeavesTheIconUnpinned_refused() {
        // RFC 9795 §6.1.2: /icn MUST have an rcdi entry.
        Rcd rcd = Rcd.ofName(RcdVectors.NAM).withIcon(RcdVectors.ICN);
        Rcdi onlyNam = new Rcdi(new TreeMap<>(Map.of("/nam", RcdVectors.NAM_DIGEST)));
        PolicyException e = assertThrows(PolicyException.class,
                () -> RcdConstraintsBuilder.of(rcd, onlyNam).build());
        assertEquals(Violation.JWT_CLAIM_CONSTRAINTS_REJECTED, e.violation());
        assertTrue(e.detail().startsWith("rcdi must pin /icn"), e.detail());
    }

    @Test
    void build_mustExcludeRcdi_refused() {
        // RFC 9118 §8.
        Rcd rcd = Rcd.ofName(RcdVectors.NAM);
        Rcdi rcdi = new Rcdi(new TreeMap<>(Map.of("/nam", RcdVectors.NAM_DIGEST)));
        PolicyException e = assertThrows(PolicyException.class,
                () -> RcdConstraintsBuilder.of(rcd, rcdi).mustExclude("rcdi").build());
        assertTrue(e.detail().contains("mustExclude must not list rcdi"), e.detail());
    }

    @Test
    void build_callReasonsAndRcd_pinsBoth() {
        // RFC 9795 §6.3 (rcd in permittedValues optional), §7.1 (crn permittedValues).
        Rcd rcd = Rcd.ofName(RcdVectors.NAM);
        Rcdi rcdi = new Rcdi(new TreeMap<>(Map.of("/nam", RcdVectors.NAM_DIGEST)));
        JwtClaimConstraints built = RcdConstraintsBuilder.of(rcd, rcdi).alsoPermitRcd()
                .callReasons(List.of("Delivery")).build();
        assertEquals(List.of("{\"nam\":\"Q Branch Spy Gadgets\"}"),
                built.permitted("rcd").orElseThrow());
        assertEquals(List.of("Delivery"), built.permitted("crn").orElseThrow());
        assertEquals(JwtClaimConstraintsCodec.ID_PE_27, built.oid());
    }

    private static List<String> lint(List<String> mustInclude, List<String> mustExclude) {
        return JwtClaimConstraintsLint.lint(new JwtClaimConstraints(mustInclude,
                mustInclude.contains("rcdi") ? List.of(RCDI) : List.of(), mustExclude));
    }
}
