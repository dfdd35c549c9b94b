package org.stica.acme.problem;

/**
 * A failure already turned into a {@link Problem} (and logged, if internal) — e.g. an issuance
 * error that was stored on the order — so the HTTP layer sends the same document without mapping
 * or logging it again.
 */
public final class RenderedProblem extends RuntimeException {
    private final Problem problem;

    public RenderedProblem(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
