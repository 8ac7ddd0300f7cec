package dev.dialtone.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.LoadBalancer;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.SharedCatalogDatabase;
import dev.dialtone.fixtures.TempDir;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionInput;

/**
 * A rolling restart of two nodes (child JVMs over one PostgreSQL catalog) behind a load balancer, under a steady
 * client load: each node in turn gets SIGTERM, drains, exits 0 and is started again on its port while clients keep
 * calling through the balancer with the AWS SDK's default retries (5xx and connection errors). The clients never see
 * an error, and every CreateConnection they saw acknowledged is in the catalog afterwards, as both nodes answer.
 */
class RollingRestartTest {
    private static final SharedCatalogDatabase CATALOG = SharedCatalogDatabase.create();
    private static final int CLIENTS = 4;

    private final List<Integer> ports = List.of(Ports.free(), Ports.free());
    private final Process[] nodes = new Process[2];
    private final Path[] dataDirs = {TempDir.scratch("rolling-a-"), TempDir.scratch("rolling-b-")};
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRollingRestartUnderLoadLosesNoAcknowledgedWriteAndShowsTheClientsNoError() throws Exception {
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> clientErrors = new ConcurrentLinkedQueue<>();
        AtomicInteger sequence = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
        try (ServerSocket reachable = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                LoadBalancer balancer = new LoadBalancer(ports);
                GlueClient glue = balanced(balancer.port(), attempts)) {
            Thread acceptor = acceptForever(reachable);
            for (int i = 0; i < 2; i++) {
                startReady(i);
            }
            for (int c = 0; c < CLIENTS; c++) {
                load.submit(() -> {
                    while (running.get()) {
                        String name = "roll-" + sequence.incrementAndGet();
                        try {
                            calls.incrementAndGet();
                            glue.createConnection(r -> r.connectionInput(input(name)));
                            acknowledged.add(name);
                            calls.incrementAndGet();
                            glue.getConnection(r -> r.name(name)); // may land on the other node: read your write
                            calls.incrementAndGet();
                            glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("NETWORK")
                                    .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1",
                                            "PORT", String.valueOf(reachable.getLocalPort())))));
                        } catch (RuntimeException e) {
                            clientErrors.add(name + ": " + e);
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 50);

            for (int i = 0; i < 2; i++) {
                int node = i;
                int before = balancer.relayedTo(i);
                int acknowledgedBefore = acknowledged.size();
                nodes[i].toHandle().destroy(); // SIGTERM, as a deploy sends
                assertThat(nodes[i].waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(nodes[i].exitValue()).as("node %d's exit code after SIGTERM", i).isZero();
                // While it is down, the other node takes the load.
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= acknowledgedBefore + 20);
                startReady(i);
                int rejoined = balancer.relayedTo(i);
                await().atMost(Duration.ofSeconds(30)).until(() -> balancer.relayedTo(node) > rejoined + 10);
                assertThat(balancer.relayedTo(i)).isGreaterThan(before);
            }
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            acceptor.interrupt();
        } finally {
            running.set(false);
            load.shutdownNow();
        }

        assertThat(clientErrors).as("errors the clients saw").isEmpty();
        // The restarts were felt: some attempts failed (cut, refused or 503) and the SDK retried them.
        assertThat(attempts.get()).as("attempts for %d calls", calls.get()).isGreaterThan(calls.get());
        for (int i = 0; i < 2; i++) {
            int port = ports.get(i);
            try (GlueClient direct = DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + port))) {
                for (String name : List.copyOf(acknowledged)) {
                    assertThat(direct.getConnection(r -> r.name(name)).connection()
                            .connectionPropertiesAsStrings()).containsEntry("PASSWORD", "p-" + name);
                }
            }
        }
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (Process node : nodes) {
            if (node != null) {
                node.toHandle().destroy();
                if (!node.waitFor(30, TimeUnit.SECONDS)) {
                    node.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static ConnectionInput input(String name) {
        return ConnectionInput.builder().name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:1/db",
                        "USERNAME", "u", "PASSWORD", "p-" + name)).build();
    }

    /**
     * A client as an application has one: the SDK's default HTTP client and retries. Pooled connections live 100 ms,
     * so new ones keep going through the balancer to both nodes (keep-alive would otherwise pin a client to one).
     */
    private static GlueClient balanced(int port, AtomicInteger attempts) {
        return GlueClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
                .httpClient(ApacheHttpClient.builder().connectionTimeToLive(Duration.ofMillis(100))
                        .socketTimeout(Duration.ofSeconds(30)).maxConnections(CLIENTS * 2).build())
                .overrideConfiguration(config -> config.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context,
                            ExecutionAttributes executionAttributes) {
                        attempts.incrementAndGet();
                    }
                }))
                .build();
    }

    private Process start(int index) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java,
                "-Djdk.net.hosts.file=" + Path.of("src/test/resources/hosts").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), "dev.dialtone.cli.Main", "serve",
                "--port", String.valueOf(ports.get(index)), "--data-dir", dataDirs[index].toString(),
                "--catalog", CATALOG.url(), "--master-key-file", CATALOG.keyFile().toString(), "--drain-timeout", "3s"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dataDirs[index].toFile(), "server.log")));
        builder.environment().put("DIALTONE_CATALOG_USER", CATALOG.role());
        builder.environment().put("DIALTONE_CATALOG_PASSWORD", SharedCatalogDatabase.PASSWORD);
        return builder.start();
    }

    /**
     * Starts node {@code index} and waits until it is ready. As a supervisor would, it starts it again if it exits
     * first: on a loaded machine a cold JVM's first catalog login can miss its bound, and the node then stops.
     */
    private void startReady(int index) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(index) + "/health/ready"))
                .build();
        for (int attempt = 1; ; attempt++) {
            Process node = start(index);
            nodes[index] = node;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> !node.isAlive()
                            || http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            if (node.isAlive() || attempt == 3) {
                assertThat(node.isAlive()).as("node %d started (see %s)", index, dataDirs[index]).isTrue();
                return;
            }
        }
    }

    /** A port NETWORK tests reach: accepted and closed at once. */
    private static Thread acceptForever(ServerSocket server) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket accepted = server.accept()) {
                    accepted.getInputStream(); // accepted, then closed
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "reachable-port");
        acceptor.setDaemon(true);
        acceptor.start();
        return acceptor;
    }
}
