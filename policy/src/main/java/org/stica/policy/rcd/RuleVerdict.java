package org.stica.policy.rcd;

/**
 * The outcome of one verifier rule (RCD.md §9): the rule's name (e.g. {@code mustInclude rcdi},
 * {@code rcdi /icn}), whether it passed, and a detail citing the section it enforces.
 */
public record RuleVerdict(String rule, boolean passed, String detail) {
    static RuleVerdict pass(String rule, String detail) {
        return new RuleVerdict(rule, true, detail);
    }

    static RuleVerdict fail(String rule, String detail) {
        return new RuleVerdict(rule, false, detail);
    }
}
