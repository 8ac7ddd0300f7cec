package dev.dialtone.ops;

import com.zaxxer.hikari.HikariDataSource;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.glue.ConnectionTestHistory;
import dev.dialtone.probe.Probe;
import dev.dialtone.probe.ProbeReport;
import dev.dialtone.probe.StageTiming;
import dev.dialtone.probe.TestObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The server's metrics, in Prometheus text format through Micrometer. Every label is from a bounded set: operation
 * names the server has, error codes, the testers' own type names, stages, outcomes. A connection name, a host or
 * a client's free text is never a label: an operation the server does not have is {@code other}, and a test's type
 * is the tester's name (a type without a tester never reaches one).
 */
public final class ServerMetrics implements TestObserver {
    static final String OTHER = "other";
    /** Request latency buckets: from a catalog read (well under a millisecond) to a test's whole deadline. */
    private static final Duration[] REQUEST_BUCKETS = durations(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
            0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
    private static final Duration[] TEST_BUCKETS = durations(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1, 2.5, 5, 10, 30);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile Set<String> operations = Set.of(ConnectionTestHistory.OPERATION);
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> tests = new ConcurrentHashMap<>();
    private final Map<String, Timer> stages = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    /** The names of the operations the server answers, set once they are built: requests for others are {@code other}. */
    public void labelOperations(Set<String> names) {
        Set<String> all = new java.util.HashSet<>(names);
        all.add(ConnectionTestHistory.OPERATION);
        this.operations = Set.copyOf(all);
    }

    /** One answered API call: its operation as the wire named it, {@code ok} or the error code, its duration. */
    public void request(String operation, String outcome, long nanos) {
        String op = operations.contains(operation) ? operation : "-".equals(operation) ? "none" : OTHER;
        requests.computeIfAbsent(op + ' ' + outcome, key -> Timer.builder("dialtone.requests")
                .description("API calls answered, by operation and outcome (ok or the error code)")
                .tag("operation", op).tag("outcome", outcome)
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void finished(String connectionType, ProbeReport report) {
        String type = connectionType.toUpperCase(Locale.ROOT);
        String outcome = report.outcome().name();
        tests.computeIfAbsent(type + ' ' + outcome, key -> Timer.builder("dialtone.tests")
                .description("Connection tests run, by connection type and outcome")
                .tag("type", type).tag("outcome", outcome)
                .serviceLevelObjectives(TEST_BUCKETS)
                .register(registry)).record(report.elapsed());
        for (StageTiming timing : report.stages()) {
            String stage = timing.stage().name();
            stages.computeIfAbsent(type + ' ' + stage, key -> Timer.builder("dialtone.test.stage")
                    .description("Time spent in each stage of a connection test, by connection type and stage")
                    .tag("type", type).tag("stage", stage)
                    .serviceLevelObjectives(TEST_BUCKETS)
                    .register(registry)).record(timing.duration());
        }
        if (report.outcome() == ProbeReport.Outcome.REFUSED) {
            refusal(type, "egress");
        }
    }

    @Override
    public void refused(String connectionType, Refusal refusal) {
        refusal(connectionType.toUpperCase(Locale.ROOT), refusal.name().toLowerCase(Locale.ROOT));
    }

    private void refusal(String type, String reason) {
        refusals.computeIfAbsent(type + ' ' + reason, key -> Counter.builder("dialtone.test.refusals")
                .description("Tests refused: by the egress policy (nothing dialled), the driver policy, a full "
                        + "bulkhead, or a draining node")
                .tag("type", type).tag("reason", reason)
                .register(registry)).increment();
    }

    /** Tests in flight and the bulkhead's state, read at each scrape. */
    public void watch(Probe probe, DialtoneConfig.Limits limits) {
        Gauge.builder("dialtone.tests.in.flight", probe, Probe::answering)
                .description("Connection tests being answered now").register(registry);
        Gauge.builder("dialtone.bulkhead.places.used", probe, Probe::inFlight)
                .description("Bulkhead places held (tests running, or abandoned and still unwinding)").register(registry);
        Gauge.builder("dialtone.bulkhead.places", limits, DialtoneConfig.Limits::maxTests)
                .description("Bulkhead places in all (DIALTONE_MAX_TESTS)").register(registry);
        Gauge.builder("dialtone.bulkhead.queue.depth", probe, Probe::waiting)
                .description("Tests waiting for a bulkhead place").register(registry);
        Gauge.builder("dialtone.draining", probe, p -> p.draining() ? 1 : 0)
                .description("1 once the node has begun to stop (SIGTERM)").register(registry);
    }

    /** The catalog's connection pool (HikariCP's own Micrometer metrics, labelled by pool name only). */
    public void watch(DataSource catalog) {
        if (catalog instanceof HikariDataSource pool) {
            pool.setMetricRegistry(registry);
        }
    }

    /** The scrape, in Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    private static Duration[] durations(double... seconds) {
        Duration[] buckets = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            buckets[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return buckets;
    }
}
