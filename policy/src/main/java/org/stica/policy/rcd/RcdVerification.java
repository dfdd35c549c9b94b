package org.stica.policy.rcd;

import java.util.List;

/**
 * Every rule a verifier ran over one PASSporT and its certificate (RCD.md §9), in order. The
 * PASSporT's RCD may be used only if {@link #passed()}: any failure rejects the whole PASSporT's
 * RCD (RFC 9795 §8.1; RFC 9118 §1).
 */
public record RcdVerification(List<RuleVerdict> verdicts) {
    public RcdVerification {
        verdicts = List.copyOf(verdicts);
    }

    /** True when there is at least one verdict and every verdict passed (fail closed). */
    public boolean passed() {
        return !verdicts.isEmpty() && verdicts.stream().allMatch(RuleVerdict::passed);
    }

    /** The verdicts that failed. */
    public List<RuleVerdict> failures() {
        return verdicts.stream().filter(verdict -> !verdict.passed()).toList();
    }
}
