package dev.dialtone.probe;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a test found: the outcome, the stage that failed, a message ready for the user (secrets
 * removed), each stage's duration, and details such as the server and driver versions.
 */
public record ProbeReport(
        String connectionType,
        String destination,
        Outcome outcome,
        Optional<Stage> failedStage,
        String message,
        List<StageTiming> stages,
        Map<String, String> details,
        Duration elapsed,
        String address) {

    public ProbeReport {
        stages = List.copyOf(stages);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    /** How a test ended. */
    public enum Outcome {
        SUCCEEDED,
        /** The target answered with an error, or could not be reached. */
        FAILED,
        /** The deadline passed first. */
        TIMED_OUT,
        /** The egress policy forbade the destination; nothing was dialled. */
        REFUSED
    }
}
