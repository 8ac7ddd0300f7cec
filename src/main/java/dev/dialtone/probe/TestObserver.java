package dev.dialtone.probe;

/**
 * Told how each test ended, for the server's metrics: the probe knows the tester's own type name (bounded, unlike
 * the open string a client sends) and every stage's duration. Called on the thread that asked for the test.
 */
public interface TestObserver {
    TestObserver NONE = new TestObserver() {
        @Override
        public void finished(String connectionType, ProbeReport report) {
        }

        @Override
        public void refused(String connectionType, Refusal refusal) {
        }
    };

    /** Why a test was refused before it ran (an egress refusal is a finished test: its report says REFUSED). */
    enum Refusal {
        /** A driver parameter or driver the user named that the policy does not allow. */
        DRIVER_PARAMETERS,
        /** No place in the bulkhead. */
        BULKHEAD,
        /** The server is draining before it stops. */
        DRAINING
    }

    /** A test ran (or was refused by the egress policy) and {@code report} says how it ended. */
    void finished(String connectionType, ProbeReport report);

    /** A test of {@code connectionType} (the tester's name) was refused before any place was taken. */
    void refused(String connectionType, Refusal refusal);
}
