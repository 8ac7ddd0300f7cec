package dev.dialtone.probe;

/**
 * A test failed at a known stage. {@code reason} says what happened in words a user acts on;
 * {@code hint} names the property to check. Neither may contain a secret (the probe redacts anyway).
 */
public final class StageFailure extends Exception {
    private final Stage stage;
    private final String reason;
    private final String hint;

    public StageFailure(Stage stage, String reason, String hint) {
        super(stage + ": " + reason, null, false, false);
        this.stage = stage;
        this.reason = reason;
        this.hint = hint;
    }

    public Stage stage() {
        return stage;
    }

    public String reason() {
        return reason;
    }

    public String hint() {
        return hint;
    }
}
