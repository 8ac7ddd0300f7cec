package dev.dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dialtone.fixtures.TempDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A launcher killed with SIGKILL takes its server with it: a child JVM starts {@code dialtone serve} the way
 * {@link Launcher} does ({@link Launcher#start}, the pipe property set), the server answers, the child is killed with
 * SIGKILL, and the server process stops as on SIGTERM (drained) within a few seconds instead of living on as an
 * orphan.
 */
class LauncherWatchTest {

    /** The child "launcher": starts the server as the launcher does, prints its pid, waits for it. */
    public static void main(String[] args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = Launcher.start(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-D" + Launcher.LAUNCHED + "=true", "-D" + LauncherWatch.PIPE + "=stdin",
                "-Ddialtone.productionLogging=true", // the start and stop lines on standard error, as in production
                "dev.dialtone.cli.Main", "serve", "--port", "0", "--data-dir", args[0]));
        System.out.println("server pid " + server.pid());
        System.out.flush();
        System.exit(server.waitFor());
    }

    @Test
    void theServerEndsWhenItsLauncherIsKilledWithSigkill() throws Exception {
        Path dataDir = TempDir.scratch("dialtone-launcher-watch");
        // A file, not a pipe: once the launcher is gone the JDK closes its end of a pipe, and the server's last lines
        // (it inherited the launcher's standard error) would be lost.
        Path output = TempDir.scratch("dialtone-launcher-watch-output").resolve("output.log");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LauncherWatchTest.class.getName(), dataDir.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Supplier<List<String>> lines = () -> read(output);
        Optional<ProcessHandle> server = Optional.empty();
        try {
            long pid = await().atMost(Duration.ofSeconds(30)).until(() -> serverPid(lines.get()), Optional::isPresent).get();
            server = ProcessHandle.of(pid);
            assertThat(server).isPresent();
            await().atMost(Duration.ofSeconds(60)).alias("the server's \"listening on\" line")
                    .until(() -> lines.get().stream().anyMatch(l -> l.contains("listening on")));
            assertThat(server.get().isAlive()).isTrue();

            assertThat(launcher.toHandle().destroyForcibly()).isTrue(); // SIGKILL: no hook, no signal passed on
            assertThat(launcher.waitFor()).isEqualTo(137);

            ProcessHandle orphan = server.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> !orphan.isAlive());
            // It stopped the way SIGTERM stops it: readiness false, tests drained, catalog closed (the output pipe
            // may still hold the last lines when the process is gone, hence the wait).
            await().atMost(Duration.ofSeconds(5)).alias("the drain's lines on standard error")
                    .until(() -> lines.get().stream().anyMatch(l -> l.contains("closing the catalog")));
            assertThat(lines.get()).anyMatch(l -> l.contains("the launcher ended; stopping"))
                    .anyMatch(l -> l.contains("stopping: readiness false"));
        } finally {
            launcher.destroyForcibly();
            server.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aServerStartedWithoutTheLauncherPipeIsNotWatched() throws Exception {
        // Without the property the standard input is the user's (a closed one must not stop the server).
        assertThat(System.getProperty(LauncherWatch.PIPE)).isNull();
        LauncherWatch.startIfLaunched();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("launcher-watch"));
    }

    private static Optional<Long> serverPid(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("server pid ")).findFirst()
                .map(l -> Long.parseLong(l.substring("server pid ".length()).trim()));
    }

    private static List<String> read(Path output) {
        try {
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
