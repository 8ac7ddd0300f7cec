package dev.dialtone.cli;

import dev.dialtone.probe.Stage;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the user sees while tests run. On a terminal: one live line per connection (spinner,
 * current stage, elapsed time), redrawn in place. Otherwise: one plain line as each test ends, so
 * CI logs stay readable.
 */
abstract class Progress implements AutoCloseable {

    static Progress forStream(PrintStream out, boolean terminal, List<TestCase> cases) {
        return terminal ? new Live(out, cases) : new Plain(out);
    }

    abstract void started(int index);

    abstract void stage(int index, Stage stage);

    abstract void finished(int index, TestResult result);

    @Override
    public abstract void close();

    static String summary(TestResult result) {
        String verdict = result.passed() ? "PASS" : result.result().equals("TIMED_OUT") ? "TIME" : "FAIL";
        return verdict + "  " + result.name() + " (" + result.connectionType() + ")"
                + result.failedStage().map(stage -> " at " + stage).orElse("") + " in " + result.latencyMillis() + " ms"
                + (result.passed() ? "" : ": " + result.message());
    }

    /** One line per finished test. */
    private static final class Plain extends Progress {
        private final PrintStream out;

        Plain(PrintStream out) {
            this.out = out;
        }

        @Override
        void started(int index) {
        }

        @Override
        void stage(int index, Stage stage) {
        }

        @Override
        synchronized void finished(int index, TestResult result) {
            out.println(summary(result));
            out.flush();
        }

        @Override
        public void close() {
        }
    }

    /** Live lines, redrawn ten times a second with ANSI cursor movement. */
    private static final class Live extends Progress {
        private static final String SPINNER = "|/-\\";
        private final PrintStream out;
        private final List<TestCase> cases;
        private final long[] startNanos;
        private final String[] stages;
        private final String[] done;
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dialtone-progress");
            thread.setDaemon(true);
            return thread;
        });
        private int frame;
        private boolean drawn;

        Live(PrintStream out, List<TestCase> cases) {
            this.out = out;
            this.cases = cases;
            this.startNanos = new long[cases.size()];
            this.stages = new String[cases.size()];
            this.done = new String[cases.size()];
            ticker.scheduleAtFixedRate(this::redraw, 0, 100, TimeUnit.MILLISECONDS);
        }

        @Override
        synchronized void started(int index) {
            startNanos[index] = System.nanoTime();
            stages[index] = "starting";
        }

        @Override
        synchronized void stage(int index, Stage stage) {
            stages[index] = stage.name();
        }

        @Override
        synchronized void finished(int index, TestResult result) {
            done[index] = summary(result);
        }

        private synchronized void redraw() {
            StringBuilder screen = new StringBuilder();
            if (drawn) {
                screen.append("\033[").append(cases.size()).append('F');
            }
            char spinner = SPINNER.charAt(frame++ % SPINNER.length());
            for (int i = 0; i < cases.size(); i++) {
                screen.append("\033[2K");
                if (done[i] != null) {
                    screen.append(done[i]);
                } else if (stages[i] == null) {
                    screen.append("    ").append(cases.get(i).name()).append(" waiting");
                } else {
                    long millis = (System.nanoTime() - startNanos[i]) / 1_000_000;
                    screen.append(' ').append(spinner).append("  ").append(cases.get(i).name()).append(' ')
                            .append(stages[i]).append(' ').append(millis).append(" ms");
                }
                screen.append('\n');
            }
            out.print(screen);
            out.flush();
            drawn = true;
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            redraw();
        }
    }
}
