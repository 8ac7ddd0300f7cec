package dev.dialtone.probe;

import dev.dialtone.probe.net.Dialer;
import dev.dialtone.guard.SecretRedactor;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs connection tests under a hard deadline. The test runs on its own thread; when the deadline
 * passes, its sockets are closed (which unblocks any driver, whatever it does with its own
 * timeouts) and the thread interrupted, and the caller gets a TIMED_OUT report at once.
 */
public final class Probe {
    private static final Logger LOG = LoggerFactory.getLogger(Probe.class);

    private final TesterRegistry testers;
    private final Dialer dialer;
    private final Duration timeout;
    private final ExecutorService workers;
    private final Bulkhead bulkhead;
    private final AtomicInteger running = new AtomicInteger();
    private final TestObserver observer;
    private final Drain drain = new Drain();

    public Probe(TesterRegistry testers, Dialer dialer, Duration timeout, ExecutorService workers, Bulkhead bulkhead) {
        this(testers, dialer, timeout, workers, bulkhead, TestObserver.NONE);
    }

    /** A probe that tells {@code observer} how every test ended (the server's metrics). */
    public Probe(TesterRegistry testers, Dialer dialer, Duration timeout, ExecutorService workers, Bulkhead bulkhead,
            TestObserver observer) {
        this.testers = testers;
        this.dialer = dialer;
        this.timeout = timeout;
        this.workers = workers;
        this.bulkhead = bulkhead;
        this.observer = observer;
    }

    /**
     * From now on new tests are refused ({@link ProbeStopping}); tests already running go on. Waits until none is
     * left being answered, at most {@code bound}, then stops those still running: each answers TIMED_OUT at once.
     *
     * @return how many tests had to be stopped
     */
    public int drain(Duration bound) throws InterruptedException {
        return drain.run(bound);
    }

    /** Whether {@link #drain} has begun. */
    public boolean draining() {
        return drain.begun();
    }

    /** Tests being answered now (each has a caller waiting for its report). */
    public int answering() {
        return drain.active();
    }

    /** Tests waiting for a place in the bulkhead. */
    public int waiting() {
        return bulkhead.waiting();
    }

    /** Tests holding a place in the bulkhead (running, or abandoned and still unwinding). */
    public int inFlight() {
        return bulkhead.inFlight();
    }

    public TesterRegistry testers() {
        return testers;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Tests whose threads have not finished yet, including abandoned ones still unwinding. */
    public int running() {
        return running.get();
    }

    /** Runs a test whose caller always waits for the answer. */
    public ProbeReport test(TestSubject subject) {
        return test(subject, Cancellation.none());
    }

    /**
     * Validates, then runs, the test; abandons it at once when {@code cancellation} fires.
     *
     * @throws NotTestable when Dialtone cannot test this type
     * @throws InvalidTestInput when the definition cannot be tested
     * @throws ProbeBusy when the bulkhead has no place for the test
     */
    public ProbeReport test(TestSubject subject, Cancellation cancellation) {
        return test(subject, cancellation, stage -> { });
    }

    /** As {@link #test(TestSubject, Cancellation)}, telling {@code onStage} each stage as the test enters it. */
    public ProbeReport test(TestSubject subject, Cancellation cancellation, Consumer<Stage> onStage) {
        return test(testers.testerFor(subject.connectionType()), subject, cancellation, onStage);
    }

    /**
     * As {@link #test(TestSubject, Cancellation, Consumer)}, by a tester the caller found: a type registered in a
     * catalog (RegisterConnectionType), whose tester is made from the catalog's declaration for each test.
     */
    public ProbeReport test(ConnectionTester tester, TestSubject subject, Cancellation cancellation,
            Consumer<Stage> onStage) {
        String type = tester.connectionType();
        if (drain.begun()) {
            observer.refused(type, TestObserver.Refusal.DRAINING);
            throw new ProbeStopping("This Dialtone node is shutting down and starts no new test; try again (another "
                    + "node, or this one once restarted, will answer).");
        }
        TestPlan plan;
        try {
            plan = tester.plan(TesterRegistry.decode(tester, subject));
        } catch (InvalidTestInput invalid) {
            if (invalid.driverPolicyRefusal()) {
                observer.refused(type, TestObserver.Refusal.DRIVER_PARAMETERS);
            }
            throw invalid;
        }
        ProbeSession session = new ProbeSession(dialer, timeout, onStage);
        Placement placement;
        try {
            placement = new Placement(place(plan, session));
        } catch (ProbeBusy busy) {
            observer.refused(type, TestObserver.Refusal.BULKHEAD);
            throw busy;
        }
        running.incrementAndGet();
        Future<?> attempt;
        try {
            // The place is held until the worker really ends, abandoned or not: a test stuck past its
            // deadline (in a DNS lookup, say) still counts against its destination.
            attempt = workers.submit(() -> {
                if (!placement.claim()) {
                    return null; // Abandoned before it began: whoever abandoned it gave the place back.
                }
                try {
                    runOnWorker(plan, session);
                    return null;
                } finally {
                    placement.release();
                }
            });
        } catch (RuntimeException e) {
            placement.claim();
            placement.release();
            throw e;
        }
        cancellation.onCancel(() -> {
            session.abort();
            abandon(attempt, placement);
        });
        // Cancelled before its sockets close, so the caller's wait ends as stopped rather than as the driver's failure.
        Drain.Stop stop = drain.enter(() -> {
            abandon(attempt, placement);
            session.abort();
        });
        ProbeReport report;
        try {
            attempt.get(session.remainingMillis(), TimeUnit.MILLISECONDS);
            session.finish();
            report = report(subject, plan, session, ProbeReport.Outcome.SUCCEEDED, Optional.empty(), success(session));
        } catch (TimeoutException e) {
            session.abort();
            abandon(attempt, placement);
            report = timedOut(subject, plan, session);
        } catch (ExecutionException e) {
            report = stop.stopped() ? stoppedByDrain(subject, plan, session) : failed(subject, plan, session, e.getCause());
        } catch (CancellationException e) {
            report = stop.stopped() ? stoppedByDrain(subject, plan, session)
                    : report(subject, plan, session, ProbeReport.Outcome.FAILED, Optional.of(session.stage()),
                            "Connection test abandoned at " + session.stage() + ": the client hung up.");
        } catch (InterruptedException e) {
            session.abort();
            abandon(attempt, placement);
            Thread.currentThread().interrupt();
            report = report(subject, plan, session, ProbeReport.Outcome.FAILED, Optional.of(session.stage()),
                    "Connection test was interrupted: the server is shutting down.");
        } finally {
            stop.close();
        }
        // The request's own log line names the type, destination, stage and outcome; this one is for the CLI's
        // debugging and for tests run without the wire.
        LOG.debug("test {} {} {} in {} ms{}", subject.connectionType(), plan.destination(), report.outcome(),
                report.elapsed().toMillis(), report.succeeded() ? "" : ": " + report.message());
        observer.finished(type, report);
        return report;
    }

    private ProbeReport stoppedByDrain(TestSubject subject, TestPlan plan, ProbeSession session) {
        Stage stuck = session.stage();
        session.finish();
        return report(subject, plan, session, ProbeReport.Outcome.TIMED_OUT, Optional.of(stuck),
                "Connection test to " + plan.destination() + " was stopped at " + stuck + " after "
                        + session.elapsedMillis() + " ms: this Dialtone node is shutting down and its drain time "
                        + "ran out; try again.");
    }

    private Bulkhead.Permit place(TestPlan plan, ProbeSession session) {
        try {
            return bulkhead.acquire(plan.bulkheadKey(), session.remainingMillis());
        } catch (Bulkhead.Full full) {
            throw new ProbeBusy(full.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeBusy("The server is shutting down.");
        }
    }

    private void runOnWorker(TestPlan plan, ProbeSession session) throws StageFailure {
        session.bindToCurrentThread();
        try {
            plan.run(session);
        } finally {
            session.unbindFromCurrentThread();
            session.closeSockets();
        }
    }

    /**
     * Cancels the worker's task. A task cancelled before a worker thread picked it up never runs, so its
     * place is given back here; one already running gives it back itself when it really ends.
     */
    private static void abandon(Future<?> attempt, Placement placement) {
        attempt.cancel(true);
        if (placement.claim()) {
            placement.release();
        }
    }

    /**
     * A test's place in the bulkhead and in the running count, given back exactly once: by the worker that
     * ran the test when it ends, or by whoever abandoned the test before any worker started it.
     */
    private final class Placement {
        private final Bulkhead.Permit permit;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Placement(Bulkhead.Permit permit) {
            this.permit = permit;
        }

        /** True for the one caller that now owns giving the place back. */
        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        void release() {
            running.decrementAndGet();
            permit.close();
        }
    }

    private ProbeReport failed(TestSubject subject, TestPlan plan, ProbeSession session, Throwable cause) {
        session.finish();
        Optional<String> refusal = session.refusal();
        if (refusal.isPresent()) {
            return report(subject, plan, session, ProbeReport.Outcome.REFUSED, Optional.of(session.stage()),
                    "Connection test refused before dialling: " + refusal.get() + ".");
        }
        StageFailure failure;
        if (cause instanceof StageFailure stageFailure) {
            failure = stageFailure;
        } else {
            // A driver threw something its tester did not expect: still an answer about the target,
            // at the stage it happened, never a 500 that clients would retry.
            // Logged without the stack trace: a driver's exception text is redacted, its frames cannot be.
            LOG.warn("unexpected {} testing {} at {}: {}", cause.getClass().getName(), plan.destination(),
                    session.stage(), SecretRedactor.redact(String.valueOf(cause.getMessage()), secrets(plan, subject)));
            failure = new StageFailure(session.stage(),
                    cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    "This looks like a driver problem; the server log has the details.");
        }
        String message = "Connection test failed at " + failure.stage() + " after " + session.elapsedMillis()
                + " ms: " + failure.reason() + ". " + failure.hint();
        return report(subject, plan, session, ProbeReport.Outcome.FAILED, Optional.of(failure.stage()), message);
    }

    private ProbeReport timedOut(TestSubject subject, TestPlan plan, ProbeSession session) {
        Stage stuck = session.stage();
        session.finish();
        String message = "Connection test to " + plan.destination() + " did not finish within the "
                + timeout.toMillis() + " ms deadline: it was stuck at " + stuck + " (" + stuckMeaning(stuck) + ").";
        return report(subject, plan, session, ProbeReport.Outcome.TIMED_OUT, Optional.of(stuck), message);
    }

    private static String stuckMeaning(Stage stage) {
        return switch (stage) {
            case RESOLVE -> "the DNS lookup of the host did not answer; check HOST and this server's DNS";
            case CONNECT -> "the TCP connection got no answer; the host may be down or a firewall drops packets";
            case HANDSHAKE -> "the TCP connection was accepted but the server never answered; check that PORT is "
                    + "the port of the expected service";
            case TLS -> "the TLS negotiation stalled";
            case AUTHENTICATE -> "the server stopped answering while checking the credentials";
            case AUTHORIZE -> "the server accepted the login but did not answer the check query";
        };
    }

    private static String success(ProbeSession session) {
        StringBuilder message = new StringBuilder("Connection test succeeded in ")
                .append(session.elapsedMillis()).append(" ms");
        String separator = ": ";
        for (Map.Entry<String, String> detail : session.details().entrySet()) {
            message.append(separator).append(detail.getKey()).append(' ').append(detail.getValue());
            separator = "; ";
        }
        return message.append('.').toString();
    }

    /**
     * Everything to keep out of messages: the plan's secrets, asked for when the report is made (a
     * plan may learn secrets while it runs, such as an OAuth2 token), and every value the testers'
     * declarations call secret.
     */
    private Set<String> secrets(TestPlan plan, TestSubject subject) {
        Set<String> all = new HashSet<>(plan.secrets());
        all.addAll(testers.secretValues(subject));
        return all;
    }

    private ProbeReport report(TestSubject subject, TestPlan plan, ProbeSession session,
            ProbeReport.Outcome outcome, Optional<Stage> failedStage, String message) {
        return new ProbeReport(subject.connectionType(), plan.destination(), outcome, failedStage,
                SecretRedactor.redact(message, secrets(plan, subject)), session.timings(), session.details(),
                Duration.ofMillis(session.elapsedMillis()), plan.bulkheadKey());
    }
}
