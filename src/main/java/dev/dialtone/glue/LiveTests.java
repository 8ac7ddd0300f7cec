package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.probe.ProbeReport;
import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageTiming;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The tests running now whose client asked to watch them (a {@code TestConnection} carrying an
 * {@code X-Dialtone-Test-Id} header it chose), so that {@code GET /dialtone/v1/tests/{id}/progress} can show
 * their stages as they finish. A test is kept a minute after it ends, so the last poll sees the end.
 *
 * <p>Entries are keyed by the caller as well as the id: a caller sees only its own tests, and an id another
 * caller chose answers exactly as an unknown one does. Nothing here changes what {@code TestConnection} answers.
 */
public final class LiveTests {
    /** The header a client names its test with; SDKs never send it. */
    public static final String HEADER = "X-Dialtone-Test-Id";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Duration KEPT_AFTER_END = Duration.ofMinutes(1);
    /** Far above what the probe's bulkhead lets run at once; ended tests go first when it is reached. */
    private static final int MAX_ENTRIES = 10_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final Map<Key, Live> tests = new LinkedHashMap<>();

    /** The id as a client gave it, checked; an id that is not one is the client's mistake, told before any test. */
    public static String checkedId(String id) {
        if (!ID.matcher(id).matches()) {
            throw GlueException.invalidInput("The " + HEADER + " header must be 8 to 64 letters, digits or '-'.");
        }
        return id;
    }

    /** Starts following the test {@code id} of {@code caller}: the returned watch is told each stage entered. */
    synchronized Watch begin(Caller caller, String id, String subject) {
        expire();
        Key key = new Key(owner(caller), id);
        if (tests.containsKey(key)) {
            throw GlueException.invalidInput("A test with " + HEADER + " '" + id + "' was already started; "
                    + "choose a new id for each test.");
        }
        Live live = new Live(subject);
        tests.put(key, live);
        return live;
    }

    /** What the test {@code id} of {@code caller} has done so far. */
    public ObjectNode progress(String id, RequestContext context) {
        checkedId(id);
        Live live;
        synchronized (this) {
            expire();
            live = tests.get(new Key(owner(context.caller()), id));
        }
        if (live == null) {
            throw GlueException.entityNotFound("No test with id '" + id + "' is running or recently ended for this "
                    + "caller.");
        }
        return live.json(id);
    }

    private static String owner(Caller caller) {
        return caller.accountId() + "/" + caller.principalArn().orElse("anonymous");
    }

    private void expire() {
        long now = System.nanoTime();
        tests.values().removeIf(live -> live.endedBefore(now - KEPT_AFTER_END.toNanos()));
        Iterator<Map.Entry<Key, Live>> oldest = tests.entrySet().iterator();
        while (tests.size() >= MAX_ENTRIES && oldest.hasNext()) {
            if (oldest.next().getValue().ended()) {
                oldest.remove();
            }
        }
    }

    private record Key(String owner, String id) {
    }

    /** What a running test tells the board. */
    public interface Watch extends Consumer<Stage> {
        /** The test ran to its report. */
        void finished(ProbeReport report);

        /** The test could not run, or ended without a report: {@code code} and {@code message} are the API's answer. */
        void ended(ErrorCode code, String message);

        /** Stands in where nobody watches. */
        Watch NONE = new Watch() {
            @Override
            public void accept(Stage stage) {
            }

            @Override
            public void finished(ProbeReport report) {
            }

            @Override
            public void ended(ErrorCode code, String message) {
            }
        };
    }

    /** One watched test; its methods run on the probe's worker and on the request threads. */
    private static final class Live implements Watch {
        private final String subject;
        private final long startNanos = System.nanoTime();
        private final List<StageTiming> done = new ArrayList<>();
        private Stage stage = Stage.RESOLVE;
        private long stageStartNanos = startNanos;
        private long endNanos;
        private boolean ended;
        private String outcome;
        private Optional<Stage> failedStage = Optional.empty();
        private String message;
        private String errorCode;

        Live(String subject) {
            this.subject = subject;
        }

        @Override
        public synchronized void accept(Stage next) {
            if (ended || next == stage) {
                return;
            }
            long now = System.nanoTime();
            done.add(new StageTiming(stage, Duration.ofNanos(now - stageStartNanos)));
            stage = next;
            stageStartNanos = now;
        }

        @Override
        public synchronized void finished(ProbeReport report) {
            // The report's own timings are the ones the history keeps.
            done.clear();
            done.addAll(report.stages());
            failedStage = report.failedStage();
            outcome = report.outcome().name();
            message = report.message();
            errorCode = switch (report.outcome()) {
                case SUCCEEDED -> null;
                case FAILED -> ErrorCode.INVALID_INPUT.shortName();
                case TIMED_OUT -> ErrorCode.OPERATION_TIMEOUT.shortName();
                case REFUSED -> ErrorCode.ACCESS_DENIED.shortName();
            };
            end();
        }

        @Override
        public synchronized void ended(ErrorCode code, String answer) {
            if (ended) {
                return;
            }
            outcome = "NOT_RUN";
            message = answer;
            errorCode = code.shortName();
            end();
        }

        private void end() {
            ended = true;
            endNanos = System.nanoTime();
        }

        synchronized boolean ended() {
            return ended;
        }

        synchronized boolean endedBefore(long nanos) {
            return ended && endNanos - nanos < 0;
        }

        synchronized ObjectNode json(String id) {
            ObjectNode out = NODES.objectNode().put("TestId", id).put("Subject", subject)
                    .put("State", ended ? "ENDED" : "RUNNING");
            long now = ended ? endNanos : System.nanoTime();
            out.put("ElapsedMillis", (now - startNanos) / 1_000_000);
            ArrayNode stages = out.putArray("Stages");
            for (StageTiming timing : done) {
                stages.addObject().put("Stage", timing.stage().name())
                        .set("Millis", NODES.numberNode(BigDecimal.valueOf(timing.duration().toNanos(), 6)));
            }
            if (!ended) {
                out.put("CurrentStage", stage.name());
                out.set("CurrentStageMillis", NODES.numberNode(BigDecimal.valueOf(now - stageStartNanos, 6)));
                return out;
            }
            out.put("Outcome", outcome);
            failedStage.ifPresent(failed -> out.put("FailedStage", failed.name()));
            out.put("Message", message);
            if (errorCode != null) {
                out.put("ErrorCode", errorCode);
            }
            return out;
        }
    }
}
