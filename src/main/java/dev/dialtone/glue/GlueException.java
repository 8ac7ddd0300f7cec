package dev.dialtone.glue;

/**
 * An error answered to the client as {@code {"__type","Message"}}.
 *
 * <p>It carries no stack trace: these are expected answers, and building traces for them costs
 * a large share of the throughput of a busy server.
 */
public final class GlueException extends RuntimeException {
    private final ErrorCode code;

    public GlueException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static GlueException invalidInput(String message) {
        return new GlueException(ErrorCode.INVALID_INPUT, message);
    }

    public static GlueException entityNotFound(String message) {
        return new GlueException(ErrorCode.ENTITY_NOT_FOUND, message);
    }
}
