package dev.dialtone.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dialtone.DialtoneConfig;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.SharedCatalogDatabase;
import dev.dialtone.fixtures.TempDir;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionInput;

/**
 * kill -9 of a node (a child JVM) in the middle of a stream of writes to the shared catalog: every write
 * it acknowledged is there, as another node over the same catalog sees.
 */
class NodeKillTest {
    private static final SharedCatalogDatabase CATALOG = SharedCatalogDatabase.create();

    @RegisterExtension
    static final DialtoneExtension SURVIVOR = new DialtoneExtension(Duration.ofSeconds(2),
            DialtoneConfig.Limits.DEFAULT, CATALOG::node);

    private static ConnectionInput input(String name) {
        return ConnectionInput.builder().name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:1/db",
                        "USERNAME", "u", "PASSWORD", "p-" + name)).build();
    }

    @Test
    void everyWriteAcknowledgedBeforeAKillMinusNineIsInTheCatalog() throws Exception {
        int port = Ports.free();
        Path dataDir = TempDir.scratch("killed-node-");
        Process node = startNode(port, dataDir);
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try (GlueClient glue = DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + port))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> glue.getConnections(r -> r.maxResults(1)) != null);
            for (int t = 0; t < 4; t++) {
                writers.submit(() -> {
                    while (true) {
                        String name = "stream-" + sequence.incrementAndGet();
                        try {
                            glue.createConnection(r -> r.connectionInput(input(name)));
                            acknowledged.add(name);
                        } catch (SdkException e) {
                            return; // The node is gone: this write was never acknowledged.
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 100);
            node.destroyForcibly().waitFor();
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            writers.shutdownNow();
            node.destroyForcibly().waitFor();
        }

        List<String> acked = List.copyOf(acknowledged);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(100);
        for (String name : acked) {
            assertThat(SURVIVOR.glue().getConnection(r -> r.name(name)).connection().connectionPropertiesAsStrings())
                    .containsEntry("PASSWORD", "p-" + name);
        }
    }

    private static Process startNode(int port, Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.dialtone.cli.Main", "serve", "--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                "--catalog", CATALOG.url(), "--master-key-file", CATALOG.keyFile().toString()))
                .redirectErrorStream(true)
                .redirectOutput(new File(dataDir.toFile(), "server.log"));
        builder.environment().put("DIALTONE_CATALOG_USER", CATALOG.role());
        builder.environment().put("DIALTONE_CATALOG_PASSWORD", SharedCatalogDatabase.PASSWORD);
        return builder.start();
    }
}
