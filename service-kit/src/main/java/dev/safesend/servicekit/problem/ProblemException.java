package dev.safesend.servicekit.problem;

/** Thrown by a resource or service to answer with exactly this problem. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(Problem.of(404, "not-found", what + " not found", what + " '" + id + "' does not exist"));
    }

    public static ProblemException validation(String detail, java.util.List<Problem.FieldError> errors) {
        return new ProblemException(Problem.validation(detail, errors));
    }
}
