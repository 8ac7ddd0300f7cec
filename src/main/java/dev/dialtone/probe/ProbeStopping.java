package dev.dialtone.probe;

/** The server is draining before it stops and starts no new test: answered as a retryable 503. */
public final class ProbeStopping extends RuntimeException {
    public ProbeStopping(String message) {
        super(message, null, false, false);
    }
}
