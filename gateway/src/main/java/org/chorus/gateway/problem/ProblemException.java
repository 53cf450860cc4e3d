package org.chorus.gateway.problem;

/** Carries a {@link Problem} to the one place that writes problems. No stack trace: it is an answer, not a fault. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.status() + " " + problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
