package dev.dialtone.glue;

import java.util.List;

/**
 * An error answered to the client as {@code {"__type","Message"}}.
 *
 * <p>It carries no stack trace: these are expected answers, and building traces for them costs
 * a large share of the throughput of a busy server.
 */
public final class GlueException extends RuntimeException {
    private final ErrorCode code;
    private final List<Violation> violations;

    public GlueException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    /** @param violations the model constraints the request fails, when that is what this error reports */
    public GlueException(ErrorCode code, String message, List<Violation> violations) {
        super(message, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public ErrorCode code() {
        return code;
    }

    /** The model constraints the request fails (empty when this error is not about them). */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * This error as AWS's request validation answers it, for an operation whose model lists no
     * {@code InvalidInputException}: {@code ValidationException} in AWS's wording when the failed constraints are
     * known, else with this message.
     */
    public GlueException asValidationException() {
        return new GlueException(ErrorCode.VALIDATION,
                violations.isEmpty() ? getMessage() : Violation.message(violations), violations);
    }

    static GlueException violated(String message, Violation violation) {
        return new GlueException(ErrorCode.INVALID_INPUT, message, List.of(violation));
    }

    public static GlueException invalidInput(String message) {
        return new GlueException(ErrorCode.INVALID_INPUT, message);
    }

    public static GlueException entityNotFound(String message) {
        return new GlueException(ErrorCode.ENTITY_NOT_FOUND, message);
    }
}
