package dev.dialtone.probe;

import java.time.Duration;

/** How long one stage took. */
public record StageTiming(Stage stage, Duration duration) {
}
