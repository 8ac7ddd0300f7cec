package dev.dialtone.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * How one connection's test ended, for the progress display and the reports.
 *
 * @param result  PASSED, FAILED (the target answered with an error or could not be reached), TIMED_OUT,
 *                REFUSED (egress policy), INVALID (the definition cannot be tested as given), or ERROR
 *                (Dialtone or the endpoint could not run the test)
 * @param report  the full staged report when the test ran in this process
 */
record TestResult(String name, String connectionType, String result, Optional<String> failedStage, long latencyMillis,
        String message, Optional<ObjectNode> report) {

    boolean passed() {
        return result.equals("PASSED");
    }
}
