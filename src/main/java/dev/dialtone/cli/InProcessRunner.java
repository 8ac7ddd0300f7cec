package dev.dialtone.cli;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.ProbeAssembly;
import dev.dialtone.ProbeResources;
import dev.dialtone.glue.TestReportJson;
import dev.dialtone.probe.Cancellation;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.NotTestable;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.ProbeBusy;
import dev.dialtone.probe.ProbeReport;
import dev.dialtone.probe.Stage;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/** Tests with the same probe and testers as the server, with no server. */
final class InProcessRunner implements TestRunner {
    private final ExecutorService workers = ProbeAssembly.workers();
    private final ProbeResources resources;
    private final Probe probe;

    InProcessRunner(DialtoneConfig config) {
        this.resources = ProbeResources.open(config);
        this.probe = ProbeAssembly.probe(config, ProbeAssembly.testers(config, resources), workers);
    }

    @Override
    public TestResult run(TestCase testCase, Consumer<Stage> onStage) {
        long start = System.nanoTime();
        try {
            ProbeReport report = probe.test(testCase.subject().orElseThrow(), Cancellation.none(), onStage);
            String result = switch (report.outcome()) {
                case SUCCEEDED -> "PASSED";
                case FAILED -> "FAILED";
                case TIMED_OUT -> "TIMED_OUT";
                case REFUSED -> "REFUSED";
            };
            return new TestResult(testCase.name(), testCase.connectionType(), result,
                    report.failedStage().map(Stage::name), report.elapsed().toMillis(), report.message(),
                    Optional.of(TestReportJson.of(report, Instant.now())));
        } catch (InvalidTestInput | NotTestable | ProbeBusy e) {
            return new TestResult(testCase.name(), testCase.connectionType(),
                    e instanceof ProbeBusy ? "ERROR" : "INVALID", Optional.empty(),
                    (System.nanoTime() - start) / 1_000_000, e.getMessage(), Optional.empty());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            resources.close();
        } catch (java.io.IOException e) {
            // Closing drivers' class loaders at exit is best effort.
        }
    }
}
