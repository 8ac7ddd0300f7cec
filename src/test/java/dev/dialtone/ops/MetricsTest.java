package dev.dialtone.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.RawGlue;
import dev.dialtone.fixtures.Tarpit;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;

/** /metrics after known SDK traffic: each counter and histogram moved by exactly what was sent, with bounded labels. */
class MetricsTest {
    private static final String CANARY_NAME = "canary-conn-7f3a";
    private static final String CANARY_PASSWORD = "canary-pw-91d2";
    private static final String CANARY_HOST = "canary-db.example.test";
    /** One test in flight per destination, none waiting: a second test to the tarpit is refused at once. */
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension(Duration.ofSeconds(2),
            new DialtoneConfig.Limits(8, 1, 0),
            config -> config.withEgress(config.egress().withDeny("metadata,127.0.0.2/32")));

    @Test
    void knownTrafficMovesExactlyTheSeriesItShouldWithBoundedLabelsAndNoSecret() throws Exception {
        GlueClient glue = SERVER.glue();
        glue.createConnection(r -> r.connectionInput(i -> i.name(CANARY_NAME).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://" + CANARY_HOST
                        + ":5432/sales", "USERNAME", "analyst", "PASSWORD", CANARY_PASSWORD))));
        glue.getConnection(r -> r.name(CANARY_NAME));
        glue.getConnection(r -> r.name(CANARY_NAME).hidePassword(true));
        assertThatThrownBy(() -> glue.getConnection(r -> r.name("absent-" + CANARY_NAME)))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(RawGlue.post(SERVER.port(), "Invented" + CANARY_NAME, "{}"))
                .contains("UnknownOperationException");

        try (ServerSocket open = new ServerSocket(0, 5, InetAddress.getLoopbackAddress()); Tarpit tarpit = new Tarpit()) {
            glue.testConnection(r -> r.testConnectionInput(network("127.0.0.1", open.getLocalPort())));
            int closed = closedPort();
            assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(network("127.0.0.1", closed))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("CONNECT");
            assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(network("127.0.0.2", 5432))))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(i -> i.connectionType("JDBC")
                    .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:"
                            + open.getLocalPort() + "/db?socketFactory=evil.Factory", "USERNAME", "u",
                            "PASSWORD", CANARY_PASSWORD)))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("socketFactory");
            assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(i -> i.connectionType("FTP_" + CANARY_NAME)
                    .connectionPropertiesWithStrings(Map.of("HOST", CANARY_HOST)))))
                    .isInstanceOf(InvalidInputException.class);

            // One test holds the tarpit's only place until its deadline; a second one to it is refused meanwhile.
            CompletableFuture<Throwable> stuck = CompletableFuture.supplyAsync(() -> {
                try {
                    glue.testConnection(r -> r.testConnectionInput(jdbc(tarpit.port())));
                    return null;
                } catch (GlueException e) {
                    return e;
                }
            });
            await().atMost(Duration.ofSeconds(2)).until(() -> SERVER.dialtone().probe().inFlight() == 1);
            Map<String, Double> during = MetricsScrape.samples(scrape());
            assertThat(during).containsEntry("dialtone_tests_in_flight", 1.0)
                    .containsEntry("dialtone_bulkhead_places_used", 1.0)
                    .containsEntry("dialtone_bulkhead_queue_depth", 0.0)
                    .containsEntry("dialtone_bulkhead_places", 8.0);
            assertThatThrownBy(() -> glue.testConnection(r -> r.testConnectionInput(jdbc(tarpit.port()))))
                    .isInstanceOf(ResourceNumberLimitExceededException.class);
            assertThat(stuck.get()).isInstanceOf(OperationTimeoutException.class);
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> SERVER.dialtone().probe().inFlight() == 0);

        String scrape = scrape();
        Map<String, Double> samples = MetricsScrape.samples(scrape);
        assertThat(samples)
                .containsEntry("dialtone_requests_seconds_count{operation=\"CreateConnection\",outcome=\"ok\"}", 1.0)
                .containsEntry("dialtone_requests_seconds_count{operation=\"GetConnection\",outcome=\"ok\"}", 2.0)
                .containsEntry("dialtone_requests_seconds_bucket{operation=\"GetConnection\",outcome=\"ok\",le=\"+Inf\"}", 2.0)
                .containsEntry("dialtone_requests_seconds_count{operation=\"GetConnection\",outcome=\"EntityNotFoundException\"}", 1.0)
                .containsEntry("dialtone_requests_seconds_count{operation=\"other\",outcome=\"UnknownOperationException\"}", 1.0)
                .containsEntry("dialtone_requests_seconds_count{operation=\"TestConnection\",outcome=\"ok\"}", 1.0)
                .containsEntry("dialtone_requests_seconds_count{operation=\"TestConnection\",outcome=\"InvalidInputException\"}", 3.0)
                .containsEntry("dialtone_requests_seconds_count{operation=\"TestConnection\",outcome=\"AccessDeniedException\"}", 1.0)
                .containsEntry("dialtone_requests_seconds_count{operation=\"TestConnection\",outcome=\"OperationTimeoutException\"}", 1.0)
                .containsEntry("dialtone_requests_seconds_count{operation=\"TestConnection\",outcome=\"ResourceNumberLimitExceededException\"}", 1.0)
                .containsEntry("dialtone_tests_seconds_count{outcome=\"SUCCEEDED\",type=\"NETWORK\"}", 1.0)
                .containsEntry("dialtone_tests_seconds_count{outcome=\"FAILED\",type=\"NETWORK\"}", 1.0)
                .containsEntry("dialtone_tests_seconds_count{outcome=\"REFUSED\",type=\"NETWORK\"}", 1.0)
                .containsEntry("dialtone_tests_seconds_count{outcome=\"TIMED_OUT\",type=\"JDBC\"}", 1.0)
                .containsEntry("dialtone_tests_seconds_bucket{outcome=\"TIMED_OUT\",type=\"JDBC\",le=\"1.0\"}", 0.0)
                .containsEntry("dialtone_tests_seconds_bucket{outcome=\"TIMED_OUT\",type=\"JDBC\",le=\"2.5\"}", 1.0)
                // The two NETWORK tests that dialled, and the JDBC one stuck in its handshake after connecting.
                .containsEntry("dialtone_test_stage_seconds_count{stage=\"CONNECT\",type=\"NETWORK\"}", 2.0)
                .containsEntry("dialtone_test_stage_seconds_count{stage=\"CONNECT\",type=\"JDBC\"}", 1.0)
                .containsEntry("dialtone_test_stage_seconds_count{stage=\"HANDSHAKE\",type=\"JDBC\"}", 1.0)
                .containsEntry("dialtone_test_refusals_total{reason=\"egress\",type=\"NETWORK\"}", 1.0)
                .containsEntry("dialtone_test_refusals_total{reason=\"driver_parameters\",type=\"JDBC\"}", 1.0)
                .containsEntry("dialtone_test_refusals_total{reason=\"bulkhead\",type=\"JDBC\"}", 1.0)
                .containsEntry("dialtone_tests_in_flight", 0.0)
                .containsEntry("dialtone_draining", 0.0);
        // The scrape itself and the readiness checks are not API calls; no series for operations nobody called.
        assertThat(samples.keySet()).noneMatch(series -> series.contains("operation=\"DeleteConnection\""));
        // The catalog's pool, through HikariCP's own Micrometer support.
        assertThat(samples.keySet()).anyMatch(series -> series.startsWith("hikaricp_connections_max{pool="));

        // Every label of Dialtone's series is one of a few names, each from a bounded set of values.
        Map<String, Set<String>> labels = labelValues(samples);
        assertThat(labels.keySet()).containsExactlyInAnyOrder("operation", "outcome", "type", "stage", "reason", "le");
        assertThat(labels.get("type")).isSubsetOf(SERVER.dialtone().probe().testers().types());
        assertThat(labels.get("operation")).isSubsetOf("CreateConnection", "GetConnection", "TestConnection", "other");
        assertThat(scrape).doesNotContain(CANARY_NAME).doesNotContain(CANARY_PASSWORD).doesNotContain(CANARY_HOST)
                .doesNotContain("127.0.0.1").doesNotContain("127.0.0.2").doesNotContain("analyst");
    }

    @Test
    void healthPathsAnswerJsonWithoutCredentials() throws Exception {
        HttpResponse<String> live = MetricsScrape.get(SERVER.port(), "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(live.body()).isEqualTo("{\"status\":\"live\"}");
        HttpResponse<String> ready = MetricsScrape.get(SERVER.port(), "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"catalog\":\"up\",\"draining\":false}");
        HttpResponse<String> metrics = MetricsScrape.get(SERVER.port(), "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    }

    private static Map<String, Set<String>> labelValues(Map<String, Double> samples) {
        Pattern label = Pattern.compile("(\\w+)=\"([^\"]*)\"");
        Map<String, Set<String>> values = new java.util.TreeMap<>();
        samples.keySet().stream().filter(series -> series.startsWith("dialtone_")).forEach(series -> {
            Matcher m = label.matcher(series);
            while (m.find()) {
                values.computeIfAbsent(m.group(1), key -> new TreeSet<>()).add(m.group(2));
            }
        });
        return values;
    }

    private static String scrape() throws Exception {
        HttpResponse<String> answer = MetricsScrape.get(SERVER.port(), "/metrics");
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static java.util.function.Consumer<software.amazon.awssdk.services.glue.model.TestConnectionInput.Builder>
            network(String host, int port) {
        return i -> i.connectionType("NETWORK").connectionPropertiesWithStrings(Map.of("HOST", host, "PORT",
                String.valueOf(port)));
    }

    private static java.util.function.Consumer<software.amazon.awssdk.services.glue.model.TestConnectionInput.Builder>
            jdbc(int port) {
        return i -> i.connectionType("JDBC").connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL",
                "jdbc:postgresql://127.0.0.1:" + port + "/db", "USERNAME", "u", "PASSWORD", CANARY_PASSWORD));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
