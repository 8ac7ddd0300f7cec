package dev.dialtone.cli;

import dev.dialtone.probe.Stage;
import java.util.function.Consumer;

/** Runs one test case, in this process or through a Dialtone server. */
interface TestRunner extends AutoCloseable {

    /** Runs {@code testCase}, telling {@code onStage} each stage entered when it can know them. */
    TestResult run(TestCase testCase, Consumer<Stage> onStage);

    @Override
    void close();
}
