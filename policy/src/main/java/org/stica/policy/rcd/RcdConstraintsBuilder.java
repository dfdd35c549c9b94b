package org.stica.policy.rcd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * Builds the constraint for an approved RCD set (RFC 9795 §6.3; RCD.md §4): mustInclude
 * {@code rcd} and {@code rcdi}, permittedValues for {@code rcdi} equal to its canonical string
 * (one value per set), optionally the canonical {@code rcd} itself in permittedValues (closes the
 * gap of extra, unpinned rcd members, RCD.md §7, at the cost of publishing the content, §16), the
 * permitted {@code crn} call reasons (RFC 9795 §7.1) and mustExclude claims (RFC 9795 §16.1; the
 * extension is then id-pe 33, RFC 9118 §6). The rcdi must pin {@code /nam} and every URI the rcd
 * names. {@link #build()} refuses with {@link Violation#JWT_CLAIM_CONSTRAINTS_REJECTED} whatever
 * {@link JwtClaimConstraintsLint} refuses.
 */
public final class RcdConstraintsBuilder {
    private final Rcd rcd;
    private final Rcdi rcdi;
    private final List<String> callReasons = new ArrayList<>();
    private final Set<String> mustExclude = new LinkedHashSet<>();
    private boolean permitRcd;

    private RcdConstraintsBuilder(Rcd rcd, Rcdi rcdi) {
        this.rcd = rcd;
        this.rcdi = rcdi;
    }

    /** A builder for the vetted {@code rcd} and its computed {@code rcdi}. */
    public static RcdConstraintsBuilder of(Rcd rcd, Rcdi rcdi) {
        return new RcdConstraintsBuilder(rcd, rcdi);
    }

    /** Permits only these call reasons ({@code crn}, RFC 9795 §7.1). */
    public RcdConstraintsBuilder callReasons(List<String> reasons) {
        callReasons.addAll(reasons);
        return this;
    }

    /** Also lists the canonical rcd in permittedValues (RFC 9795 §6.3 "may be redundant"). */
    public RcdConstraintsBuilder alsoPermitRcd() {
        permitRcd = true;
        return this;
    }

    /** Claims a PASSporT must not carry (RFC 9118 §3 item 3); makes the extension id-pe 33. */
    public RcdConstraintsBuilder mustExclude(String... claims) {
        mustExclude.addAll(List.of(claims));
        return this;
    }

    /** The constraint; refuses an rcdi that leaves a member or URI unpinned, or a lint finding. */
    public JwtClaimConstraints build() {
        Set<String> required = new LinkedHashSet<>(rcd.directUris().keySet());
        required.add("/nam");
        required.removeAll(rcdi.digests().keySet());
        if (!required.isEmpty()) {
            throw rejected("rcdi must pin " + String.join(", ", required)
                    + " (RFC 9795 §6.1; every member and URI pinned, RCD.md §8 item 3)");
        }
        List<JwtClaimConstraints.ClaimValues> permitted = new ArrayList<>();
        if (permitRcd) {
            permitted.add(new JwtClaimConstraints.ClaimValues("rcd", List.of(rcd.canonical())));
        }
        permitted.add(new JwtClaimConstraints.ClaimValues("rcdi", List.of(rcdi.canonical())));
        if (!callReasons.isEmpty()) {
            permitted.add(new JwtClaimConstraints.ClaimValues("crn", callReasons));
        }
        JwtClaimConstraints constraints = new JwtClaimConstraints(List.of("rcd", "rcdi"),
                permitted, List.copyOf(mustExclude));
        List<String> findings = JwtClaimConstraintsLint.lint(constraints);
        if (!findings.isEmpty()) {
            throw rejected(String.join("; ", findings));
        }
        return constraints;
    }

    private static PolicyException rejected(String detail) {
        return new PolicyException(Violation.JWT_CLAIM_CONSTRAINTS_REJECTED, detail);
    }
}
