package dev.dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.TempDir;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * {@code dialtone serve} with no option (the README's first command; settings from {@code DIALTONE_*}) starts the
 * server without loading picocli, whose start is a sixth of the server's, and answers a failed start as the parsed
 * command does: one line, the same exit code.
 */
class ServeWithoutOptionsTest {

    @Test
    void servesFromTheEnvironmentWithoutLoadingPicocli() throws Exception {
        Path dataDir = TempDir.scratch("serve-no-options");
        Path classLog = dataDir.resolve("classes.log");
        int port = Ports.free();
        Process server = serve(List.of("-Xlog:class+load:file=" + classLog), Map.of("DIALTONE_PORT",
                String.valueOf(port), "DIALTONE_DATA_DIR", dataDir.toString()), dataDir.resolve("server.log"));
        try (GlueClient glue = DialtoneExtension.glueClient(URI.create("http://127.0.0.1:" + port))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> glue.getConnections(r -> r.maxResults(1)) != null);
            glue.createConnection(r -> r.connectionInput(i -> i.name("env-configured").connectionType("NETWORK")
                    .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", "1"))));
            server.toHandle().destroy(); // SIGTERM: drained, exit 0, as with options
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
        } finally {
            server.destroyForcibly();
        }
        assertThat(Files.exists(dataDir.resolve("catalog.db"))).as("the catalog in DIALTONE_DATA_DIR").isTrue();
        List<String> loaded = Files.readAllLines(classLog, StandardCharsets.UTF_8);
        assertThat(loaded).anyMatch(line -> line.contains(" dev.dialtone.Dialtone "))
                .noneMatch(line -> line.contains(" picocli."));
    }

    @Test
    void aFailedStartIsOneLineAndTheParsedCommandsExitCode() throws Exception {
        Path dataDir = TempDir.scratch("serve-no-options-taken");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path output = dataDir.resolve("server.log");
            Process server = serve(List.of(), Map.of("DIALTONE_PORT", String.valueOf(taken.getLocalPort()),
                    "DIALTONE_DATA_DIR", dataDir.toString()), output);
            try {
                assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(server.exitValue()).isEqualTo(1);
            } finally {
                server.destroyForcibly();
            }
            assertThat(Files.readString(output)).contains("dialtone: cannot listen: ")
                    .contains("choose one with --port or DIALTONE_PORT").doesNotContain("\tat ");
        }
    }

    private static Process serve(List<String> jvmOptions, Map<String, String> environment, Path output)
            throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Ddialtone.productionLogging=true", "-cp", System.getProperty("java.class.path"),
                "dev.dialtone.cli.Main", "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }
}
