package dev.dialtone.probe;

/** The definition cannot be tested as given: a property is missing, malformed or not allowed. */
public final class InvalidTestInput extends RuntimeException {
    public InvalidTestInput(String message) {
        super(message, null, false, false);
    }
}
