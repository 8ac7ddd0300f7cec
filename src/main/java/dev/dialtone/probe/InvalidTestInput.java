package dev.dialtone.probe;

/** The definition cannot be tested as given: a property is missing, malformed or not allowed. */
public final class InvalidTestInput extends RuntimeException {
    private final boolean driverPolicyRefusal;

    public InvalidTestInput(String message) {
        this(message, false);
    }

    private InvalidTestInput(String message, boolean driverPolicyRefusal) {
        super(message, null, false, false);
        this.driverPolicyRefusal = driverPolicyRefusal;
    }

    /** A driver parameter, or a driver the user named, that the driver policy refuses (counted apart in the metrics). */
    public static InvalidTestInput refusedByDriverPolicy(String message) {
        return new InvalidTestInput(message, true);
    }

    public boolean driverPolicyRefusal() {
        return driverPolicyRefusal;
    }
}
