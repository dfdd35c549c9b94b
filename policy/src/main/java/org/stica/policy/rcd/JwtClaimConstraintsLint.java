package org.stica.policy.rcd;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stica.policy.PolicyException;

/**
 * Lint of a constraint value before it goes into a certificate (RCD.md §8 items 2–3), each finding
 * citing its source: no baseline claim ({@code iat}, {@code orig}, {@code dest}) in mustInclude
 * (RFC 8226 §8, RFC 9118 §3 item 1: SHOULD NOT, refused here) or mustExclude (RFC 9118 §3 item 3:
 * MUST NOT); no claim in both (RFC 9118 §8); no {@code rcdi} in mustExclude (RFC 9118 §8); no
 * claim listed twice; {@code rcdi} in mustInclude needs {@code rcd} there too (RFC 9795 §6); each
 * permitted {@code rcdi} is a valid rcdi object and each permitted {@code rcd} a valid rcd
 * (RFC 9795 §5.1, §6), both in RFC 8225 §9 canonical form.
 */
public final class JwtClaimConstraintsLint {
    /** The claims every PASSporT carries (RFC 8225 §5), never constrained. */
    public static final Set<String> BASELINE_CLAIMS = Set.of("iat", "orig", "dest");

    private JwtClaimConstraintsLint() {
    }

    /** Findings; empty means the constraint may be issued. */
    public static List<String> lint(JwtClaimConstraints constraints) {
        List<String> findings = new ArrayList<>();
        for (String claim : constraints.mustInclude()) {
            if (BASELINE_CLAIMS.contains(claim)) {
                findings.add("mustInclude must not list the baseline claim " + claim
                        + " (RFC 8226 §8; RFC 9118 §3 item 1)");
            }
            if (constraints.mustExclude().contains(claim)) {
                findings.add("claim " + claim + " is in both mustInclude and mustExclude"
                        + " (RFC 9118 §8)");
            }
        }
        for (String claim : constraints.mustExclude()) {
            if (BASELINE_CLAIMS.contains(claim)) {
                findings.add("mustExclude must not list the baseline claim " + claim
                        + " (RFC 9118 §3 item 3)");
            }
        }
        if (constraints.mustExclude().contains("rcdi")) {
            findings.add("mustExclude must not list rcdi (RFC 9118 §8)");
        }
        if (constraints.mustInclude().contains("rcdi")
                && !constraints.mustInclude().contains("rcd")) {
            findings.add("mustInclude of rcdi needs rcd in mustInclude (RFC 9795 §6, §6.3)");
        }
        duplicates(constraints, findings);
        constraints.permitted("rcdi").ifPresent(values -> values.forEach(
                value -> lintJsonValue("rcdi", value, findings)));
        constraints.permitted("rcd").ifPresent(values -> values.forEach(
                value -> lintJsonValue("rcd", value, findings)));
        return List.copyOf(findings);
    }

    private static void duplicates(JwtClaimConstraints constraints, List<String> findings) {
        for (List<String> names : List.of(constraints.mustInclude(), constraints.mustExclude(),
                constraints.permittedValues().stream()
                        .map(JwtClaimConstraints.ClaimValues::claim).toList())) {
            Set<String> seen = new HashSet<>();
            names.stream().filter(name -> !seen.add(name)).distinct().forEach(name ->
                    findings.add("claim " + name + " is listed twice in one component"));
        }
    }

    private static void lintJsonValue(String claim, String value, List<String> findings) {
        try {
            JsonObject json = new JsonObject(value);
            String canonical = claim.equals("rcd") ? Rcd.fromJson(json).canonical()
                    : Rcdi.fromJson(json).canonical();
            if (!canonical.equals(value)) {
                findings.add("a permitted " + claim + " value is not in RFC 8225 §9 canonical"
                        + " form (RCD.md §8 item 3)");
            }
        } catch (DecodeException | ClassCastException e) {
            findings.add("a permitted " + claim + " value is not a JSON object (RFC 9795 §"
                    + (claim.equals("rcd") ? "5.1" : "6") + ")");
        } catch (PolicyException e) {
            findings.add("a permitted " + claim + " value is invalid: " + e.detail());
        }
    }
}
