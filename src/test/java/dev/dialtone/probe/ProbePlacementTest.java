package dev.dialtone.probe;

import dev.dialtone.probe.net.HostResolver;
import dev.dialtone.probe.net.Dialer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.guard.EgressPolicy;
import dev.dialtone.probe.network.NetworkTester;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A test abandoned before any worker thread started it (its deadline spent waiting for a place, or its
 * client gone) must give its bulkhead place back: its task never runs, so nothing else would.
 */
class ProbePlacementTest {
    private final CountDownLatch workersMayStart = new CountDownLatch(1);
    /** Worker threads that start their task only when the test says so: the window the bug lived in. */
    private final ExecutorService lateWorkers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> new Thread(() -> {
                try {
                    workersMayStart.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                task.run();
            }, "late-probe-worker"));
    private Tarpit target;

    @BeforeEach
    void start() throws Exception {
        target = new Tarpit();
    }

    @AfterEach
    void stop() throws Exception {
        workersMayStart.countDown();
        lateWorkers.shutdownNow();
        target.close();
    }

    @Test
    void aTestAbandonedBeforeItsWorkerStartedGivesItsPlaceBack() throws Exception {
        Bulkhead bulkhead = new Bulkhead(4, 1, 4);
        Probe probe = new Probe(new TesterRegistry(List.of(new NetworkTester())),
                new Dialer(EgressPolicy.ALLOW_ALL, HostResolver.SYSTEM), Duration.ofSeconds(2), lateWorkers, bulkhead);
        TestSubject subject = new TestSubject("NETWORK", Map.of("HOST", "127.0.0.1", "PORT",
                String.valueOf(target.port())), Optional.empty());

        ProbeReport report = probe.test(subject);
        assertThat(report.outcome()).isEqualTo(ProbeReport.Outcome.TIMED_OUT);

        // The worker thread now picks the cancelled task up, and does not run it.
        workersMayStart.countDown();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(probe.inFlight()).as("places held").isZero();
            assertThat(probe.running()).as("tests counted as running").isZero();
        });
        assertThat(target.accepted()).as("the abandoned test never dialled").isZero();
        // The destination has one place only: a new test gets it at once, and runs.
        assertThat(probe.test(subject).outcome()).isEqualTo(ProbeReport.Outcome.SUCCEEDED);
    }
}
