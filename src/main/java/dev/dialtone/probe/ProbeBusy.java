package dev.dialtone.probe;

/** No place for the test in the bulkhead: answered at once as ResourceNumberLimitExceededException. */
public final class ProbeBusy extends RuntimeException {
    public ProbeBusy(String message) {
        super(message, null, false, false);
    }
}
