package dev.dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.Tarpit;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Live progress on a terminal, plain lines when piped: the real command in a child JVM. */
class ProgressDisplayTest {

    private static List<String> command(int port) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), "dev.dialtone.cli.Main", "test",
                "--type", "NETWORK", "--name", "reachable", "-p", "HOST=127.0.0.1", "-p", "PORT=" + port);
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void pipedOutputIsPlainLines() throws Exception {
        try (Tarpit listener = new Tarpit()) {
            String output = run(command(listener.port()));
            assertThat(output).contains("PASS  reachable (NETWORK) in ").doesNotContain("\033[");
        }
    }

    @Test
    void onAPseudoTerminalTheLinesAreDrawnLive() throws Exception {
        try (Tarpit listener = new Tarpit()) {
            // script(1) runs the command on a new pseudo-terminal and copies what it draws.
            String commandLine = String.join(" ", command(listener.port()).stream()
                    .map(part -> "'" + part.replace("'", "'\\''") + "'").toList());
            String output = run(List.of("script", "-qec", commandLine, File.separator + "dev" + File.separator + "null"));
            assertThat(output).contains("\033[2K").contains("PASS  reachable (NETWORK) in ");
        }
    }
}
