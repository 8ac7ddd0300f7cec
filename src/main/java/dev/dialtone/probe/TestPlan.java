package dev.dialtone.probe;

import java.util.Set;

/** A validated test, ready to run: built without I/O by a {@link ConnectionTester}. */
public interface TestPlan {

    /** Where the test goes, for messages and logs (host:port, never credentials). */
    String destination();

    /** The host:port the test dials, which the per-destination limit counts by. */
    default String bulkheadKey() {
        return destination();
    }

    /** Values that must never appear in a message or a log line (passwords, tokens). */
    Set<String> secrets();

    /**
     * Runs the stages. Every socket must be opened through {@link ProbeSession#dialer()} so that the
     * deadline can close it. A failure is thrown as a {@link StageFailure} naming its stage.
     */
    void run(ProbeSession session) throws StageFailure;
}
