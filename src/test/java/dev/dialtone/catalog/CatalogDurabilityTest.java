package dev.dialtone.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.InvalidInputException;

/** What the catalog acknowledged survives a restart, and a kill -9 of the server process. */
class CatalogDurabilityTest {
    @RegisterExtension
    static final DialtoneExtension SERVER = new DialtoneExtension();

    private static ConnectionInput input(String name) {
        return ConnectionInput.builder().name(name).connectionType(ConnectionType.JDBC)
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL",
                        "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/db", "USERNAME", "u", "PASSWORD", "p"))
                .build();
    }

    @Test
    void definitionsAndTestResultsSurviveARestart() throws Exception {
        SERVER.glue().createConnection(r -> r.catalogId("101010101010").connectionInput(input("durable")));
        try {
            SERVER.glue().testConnection(r -> r.catalogId("101010101010").connectionName("durable"));
        } catch (InvalidInputException expected) {
            // Nothing listens on the port: the FAILED result is what must survive.
        }
        Connection before = SERVER.glue().getConnection(r -> r.catalogId("101010101010").name("durable")).connection();

        SERVER.restart();

        Connection after = SERVER.glue().getConnection(r -> r.catalogId("101010101010").name("durable")).connection();
        assertThat(after).isEqualTo(before);
        assertThat(after.status()).isEqualTo(ConnectionStatus.FAILED);
        assertThat(after.statusReason()).contains("failed at CONNECT");
    }

    @Test
    void anAcknowledgedCreateSurvivesKillMinusNine(@TempDir Path dataDir) throws Exception {
        int port = Ports.free();
        Process server = startServerProcess(port, dataDir);
        try (GlueClient glue = DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + port))) {
            awaitUp(glue);
            for (int i = 0; i < 20; i++) {
                String name = "acked-" + i;
                glue.createConnection(r -> r.connectionInput(input(name)));
            }
            server.destroyForcibly().waitFor();
            assertThat(Files.exists(dataDir.resolve(EmbeddedCatalog.FILE_NAME))).isTrue();

            server = startServerProcess(port, dataDir);
            awaitUp(glue);
            assertThat(glue.getConnections(r -> r.maxResults(100)).connectionList()).hasSize(20);
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    private static Process startServerProcess(int port, Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.dialtone.cli.Main", "serve", "--port", String.valueOf(port), "--data-dir", dataDir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(new File(dataDir.toFile(), "server.log"))
                .start();
    }

    private static void awaitUp(GlueClient glue) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> glue.getConnections(r -> r.maxResults(1)) != null);
    }
}
