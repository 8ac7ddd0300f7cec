package dev.dialtone.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.TempDir;
import dev.dialtone.fixtures.Tarpit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CreateConnectionResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;
import software.amazon.awssdk.services.glue.model.TestConnectionInput;

/**
 * {@code dialtone serve} in a child JVM, as an operator runs it with {@code --log-format json}: SIGTERM with tests in
 * flight drains them within the bound and exits 0, and every request's JSON log line carries the request id the
 * SDK saw.
 */
class GracefulShutdownTest {
    private static final Duration DRAIN = Duration.ofMillis(1500);
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sigtermDrainsTestsInFlightWithinTheBoundRefusesNewOnesAndExitsZero() throws Exception {
        Path dataDir = TempDir.scratch("dialtone-drain");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + Path.of("src/test/resources/hosts").toAbsolutePath(),
                "-Ddialtone.productionLogging=true", "-cp", System.getProperty("java.class.path"),
                "dev.dialtone.cli.Main", "serve", "--port", "0", "--data-dir", dataDir.toString(),
                "--log-format", "json", "--test-timeout", "20s", "--drain-timeout", DRAIN.toMillis() + "ms")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> collect(server, lines), "child-stderr");
        reader.setDaemon(true);
        reader.start();
        ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor();
        try (Tarpit tarpit = new Tarpit(); ServerSocket slow = slowToFail(closer)) {
            int port = await().atMost(Duration.ofSeconds(30)).until(() -> listeningPort(lines), Optional::isPresent).get();
            GlueClient glue = DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + port));
            CreateConnectionResponse created = glue.createConnection(r -> r.connectionInput(i -> i.name("sales")
                    .connectionType("JDBC").connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL",
                            "jdbc:postgresql://127.0.0.1:" + tarpit.port() + "/sales", "USERNAME", "u",
                            "PASSWORD", "drain-canary-pw"))));

            // One test that will still be stuck when the bound runs out, one that ends (fails) within it.
            CompletableFuture<Throwable> stuck = answerOf(() -> glue.testConnection(r -> r.connectionName("sales")));
            CompletableFuture<Throwable> ending = answerOf(() -> glue.testConnection(r -> r.testConnectionInput(
                    jdbc(slow.getLocalPort()))));
            await().atMost(Duration.ofSeconds(30)).until(() -> MetricsScrape.get(port, "/metrics").body()
                    .contains("\ndialtone_tests_in_flight 2.0"));

            long signalled = System.nanoTime();
            server.toHandle().destroy(); // SIGTERM (Process.destroy would also close the pipes we read)
            await().atMost(Duration.ofMillis(500)).until(() -> MetricsScrape.get(port, "/health/ready").statusCode() == 503);
            assertThat(MetricsScrape.get(port, "/health/ready").body())
                    .isEqualTo("{\"status\":\"not ready\",\"catalog\":\"not checked\",\"draining\":true}");
            assertThat(MetricsScrape.get(port, "/health/live").statusCode()).isEqualTo(200);
            // A new test is refused with a 503, which SDKs retry (on another node behind a load balancer).
            assertThatThrownBy(() -> glue.testConnection(r -> r.connectionName("sales")))
                    .isInstanceOfSatisfying(GlueException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
                    });
            // Other calls are still answered while the tests drain.
            assertThat(glue.getConnection(r -> r.name("sales")).connection().name()).isEqualTo("sales");

            assertThat(ending.get(10, TimeUnit.SECONDS)).isInstanceOf(InvalidInputException.class);
            Throwable stopped = stuck.get(10, TimeUnit.SECONDS);
            Duration answeredAfter = Duration.ofNanos(System.nanoTime() - signalled);
            assertThat(stopped).isInstanceOf(OperationTimeoutException.class)
                    .hasMessageContaining("shutting down").hasMessageContaining("HANDSHAKE");
            assertThat(answeredAfter).isBetween(DRAIN.minusMillis(100), DRAIN.plusMillis(1500));

            assertThat(server.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
            reader.join(5000);

            java.nio.file.Files.write(Path.of("target/drain-child.log"), lines); // for a failure's post-mortem
            List<JsonNode> parsed = new ArrayList<>();
            for (String line : lines) {
                parsed.add(json.readTree(line)); // every line is one JSON object
            }
            JsonNode create = requestLine(parsed, created.responseMetadata().requestId());
            assertThat(create.get("level").asText()).isEqualTo("INFO");
            assertThat(create.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
            assertThat(create.get("operation").asText()).isEqualTo("CreateConnection");
            assertThat(create.get("catalog").asText()).isEqualTo("000000000000");
            assertThat(create.get("outcome").asText()).isEqualTo("ok");
            assertThat(create.get("durationMs").isIntegralNumber()).isTrue();
            assertThat(create.has("destination")).isFalse();

            JsonNode stoppedLine = requestLine(parsed, ((GlueException) stopped).requestId());
            assertThat(stoppedLine.get("operation").asText()).isEqualTo("TestConnection");
            assertThat(stoppedLine.get("outcome").asText()).isEqualTo("OperationTimeoutException");
            assertThat(stoppedLine.get("type").asText()).isEqualTo("JDBC");
            assertThat(stoppedLine.get("stage").asText()).isEqualTo("HANDSHAKE");
            assertThat(stoppedLine.get("destination").asText()).isEqualTo("127.0.0.1:" + tarpit.port());
            assertThat(stoppedLine.get("testOutcome").asText()).isEqualTo("TIMED_OUT");
            JsonNode endingLine = requestLine(parsed, ((GlueException) ending.get()).requestId());
            assertThat(endingLine.get("outcome").asText()).isEqualTo("InvalidInputException");
            assertThat(endingLine.get("destination").asText()).isEqualTo("127.0.0.1:" + slow.getLocalPort());
            assertThat(String.join("\n", lines)).doesNotContain("drain-canary-pw")
                    .contains("stopping: readiness false").contains("1 test(s) stopped at the drain bound");
        } finally {
            closer.shutdownNow();
            server.destroyForcibly();
        }
    }

    private static JsonNode requestLine(List<JsonNode> lines, String requestId) {
        return lines.stream().filter(line -> line.path("logger").asText().equals("dev.dialtone.request")
                        && line.path("requestId").asText().equals(requestId))
                .findFirst().orElseThrow(() -> new AssertionError("no request line for " + requestId + " in " + lines));
    }

    private static Optional<Integer> listeningPort(List<String> lines) {
        for (String line : lines) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                return Optional.of(Integer.parseInt(listening.group(1)));
            }
        }
        return Optional.empty();
    }

    private static void collect(Process server, List<String> lines) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The child ended.
        }
    }

    private static CompletableFuture<Throwable> answerOf(Runnable call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                call.run();
                return null;
            } catch (GlueException e) {
                return e;
            }
        });
    }

    private static java.util.function.Consumer<TestConnectionInput.Builder> jdbc(int port) {
        return i -> i.connectionType("JDBC").connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL",
                "jdbc:postgresql://127.0.0.1:" + port + "/db", "USERNAME", "u", "PASSWORD", "drain-canary-pw"));
    }

    /** A loopback server that accepts, says nothing, and hangs up after a second: a test that ends within the bound. */
    private static ServerSocket slowToFail(ScheduledExecutorService closer) throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket accepted = server.accept();
                    closer.schedule(() -> {
                        accepted.close();
                        return null;
                    }, 1000, TimeUnit.MILLISECONDS);
                } catch (IOException e) {
                    return;
                }
            }
        }, "slow-to-fail");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }
}
