package dev.dialtone.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Makes {@code java -jar dialtone.jar serve} start fast without options a user must know: it runs the server in a
 * second JVM with a class-data archive of the server's own classes (AppCDS) and the serial collector, which cuts
 * the time to the first answer by about a third (class loading is most of a start). Java 17 makes no archive by itself
 * and a jar's manifest cannot carry JVM options, hence the re-launch.
 *
 * <p>{@code target/dialtone.jar} holds only this class; its manifest's {@code Class-Path} names the server's jar
 * beside it, {@code dialtone-all.jar}, which holds everything and also runs on its own. Opening the server's jar reads
 * its central directory, 42 000 entries, ~20 ms each time, and {@code java -jar} opens a jar twice (for the manifest,
 * then for the classes): this JVM never opens it, and the server JVM, started with {@code -cp}, once.
 *
 * <p>The archive is made by the first run, when its JVM exits ({@code -XX:ArchiveClassesAtExit}, under a temporary
 * name), beside the jar or else in {@code ~/.cache/dialtone}; it is keyed by the server jar's size and time and the
 * JVM's version, so a rebuilt jar or another JDK makes a new one, and stale ones are removed. It gets its final name
 * only once a JVM has mapped it with its checksums verified, so a server never maps an archive that was cut short or
 * damaged while written (that would crash it), and the checksums are not verified again on every start (~20 ms).
 * A mismatched archive is ignored by the JVM ({@code -Xshare:auto}, its messages off): the start is then only
 * slower. Not re-launched: with {@code DIALTONE_LAUNCHER=off}, off Linux, outside a jar, or when the user gave
 * class-data options of their own; the user's other JVM options are passed on. SIGTERM and SIGINT are passed to the
 * server, whose exit code this process exits with; if this process dies, even by SIGKILL, the server stops too
 * ({@link LauncherWatch}).
 */
public final class Launcher {
    static final String LAUNCHED = "dialtone.launched";
    /**
     * Not {@code -XX:TieredStopAtLevel=1}: C1 alone starts 0.15–0.19 s sooner, but it has no SHA-256 intrinsics and a
     * PostgreSQL test (scram-sha-256, 4096 PBKDF2 rounds on the client side) then takes 2.5–3.5 times as long, every
     * test. Nor raised C2 thresholds (30–90 ms sooner): the request path then stays in C1's profiling code for
     * tens of thousands of requests (BENCHMARKS.md, findings of 2026-12-07, sixth session).
     * The serial collector keeps the idle footprint smaller; G1, even with an archive dumped under G1 (which holds the
     * module graph: the JVM is created 17 ms sooner), answered no sooner (474 against 481 ms, 40 rounds).
     */
    private static final List<String> FAST = List.of("-XX:+UseSerialGC",
            "-Xshare:auto", "-Xlog:cds*=off", "-Xlog:class+path=off");
    /** The server's entry point in its jar. */
    private static final String MAIN = "dev.dialtone.cli.Main";
    /** The exit code of a JVM that hit a fatal error (SIGABRT). */
    private static final int JVM_CRASHED = 134;

    /**
     * Set by the first {@link #relaunch} in this JVM: {@link #main} tries before {@link Main} is loaded, and
     * {@code Main} tries again when the server's jar is run directly; the second call must not re-decide.
     */
    private static boolean tried;

    private Launcher() {
    }

    /**
     * The entry point of {@code target/dialtone.jar}: {@code serve} re-launched when it can be, anything else (and a
     * server that cannot be re-launched) run by {@link Main} in this JVM, its classes then read from the server jar.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            Optional<Integer> served = relaunch(args);
            if (served.isPresent()) {
                System.exit(served.get());
            }
        }
        try {
            Main.main(args);
        } catch (NoClassDefFoundError e) {
            if (!String.valueOf(e.getMessage()).startsWith("dev/dialtone/cli/Main")) {
                throw e;
            }
            // This jar was copied without the server's jar its manifest names: say so, not a stack trace.
            System.err.println("dialtone: " + System.getProperty("java.class.path") + " is the launcher alone; the "
                    + "server's jar it names (dialtone-all.jar) must be beside it. Copy both, or run "
                    + "java -jar dialtone-all.jar on its own.");
            System.exit(1);
        }
    }

    /** The server's exit code once it ran in a re-launched JVM, or empty to run it in this one. */
    static Optional<Integer> relaunch(String[] args) {
        if (tried) {
            return Optional.empty();
        }
        tried = true;
        if (System.getProperty(LAUNCHED) != null || "off".equalsIgnoreCase(System.getenv("DIALTONE_LAUNCHER"))) {
            return Optional.empty();
        }
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return Optional.empty();
        }
        Optional<List<String>> jvmOptions = ownJvmOptions();
        if (jvmOptions.isEmpty() || hasClassDataOptions(jvmOptions.get())) {
            return Optional.empty();
        }
        try {
            Path jar = serverJar(Path.of(classPath).toAbsolutePath());
            Optional<Path> directory = archiveDirectory(jar);
            if (directory.isEmpty()) {
                return Optional.empty();
            }
            String key = Long.toHexString(Files.size(jar)) + "-" + Long.toHexString(Files.getLastModifiedTime(jar)
                    .toMillis()) + "-" + Integer.toHexString(System.getProperty("java.vm.version", "").hashCode());
            Path archive = directory.get().resolve("dialtone-" + key + ".jsa");
            boolean exists = Files.isRegularFile(archive);
            // Only when one is made: ProcessHandle's first use sets up method handles (~20 ms before the spawn).
            Path making = exists ? null
                    : directory.get().resolve("dialtone-" + key + ".jsa.part-" + ProcessHandle.current().pid());
            List<String> command = new ArrayList<>();
            command.add(java());
            command.add(exists ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + making);
            command.addAll(FAST);
            command.addAll(jvmOptions.get());
            command.add("-D" + LAUNCHED + "=true");
            command.add("-D" + LauncherWatch.PIPE + "=stdin");
            command.add("-cp");
            command.add(jar.toString());
            command.add(MAIN);
            command.addAll(Arrays.asList(args));
            Process server = start(command);
            // Classes, not lambdas: no method-handle set-up competing with the server's start for a core.
            Signal.handle(new Signal("TERM"), new SignalHandler() {
                @Override
                public void handle(Signal signal) {
                    server.toHandle().destroy();
                }
            });
            Signal.handle(new Signal("INT"), new SignalHandler() {
                @Override
                public void handle(Signal signal) {
                    interrupt(server);
                }
            });
            int exit = server.waitFor();
            java.lang.ref.Reference.reachabilityFence(server); // its unused input pipe stays open until the server ends
            if (!exists) {
                keep(making, archive, directory.get(), jar);
            } else if (exit == JVM_CRASHED) {
                // Whatever the cause, the next start makes a fresh archive rather than trusting this one.
                Files.deleteIfExists(archive);
            }
            return Optional.of(exit);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(1);
        }
    }

    /**
     * Whether the user chose class-data options of their own. A loop, not a stream: this JVM's first lambda would
     * cost ~10 ms of method-handle set-up before the server is even started.
     */
    private static boolean hasClassDataOptions(List<String> options) {
        for (String option : options) {
            if (option.startsWith("-XX:SharedArchiveFile") || option.startsWith("-XX:ArchiveClassesAtExit")
                    || option.startsWith("-Xshare")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts the server JVM with this JVM's output and error streams and, as its input, a pipe this JVM never writes:
     * the server ends when the pipe closes, that is when this JVM ends, even by SIGKILL ({@link LauncherWatch}).
     */
    static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).inheritIO().redirectInput(ProcessBuilder.Redirect.PIPE).start();
    }

    /** This JVM's own options (what came before {@code -jar}), read from /proc: the management API costs a start. */
    private static Optional<List<String>> ownJvmOptions() {
        try {
            String[] words = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8)
                    .split("\0");
            List<String> options = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                if (words[i].equals("-jar")) {
                    return Optional.of(options);
                }
                options.add(words[i]);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The jar that holds the server: the one this jar's manifest names as its class path, beside it (this jar is the
     * launcher alone), or this jar itself when it names none (the server's jar run directly).
     */
    static Path serverJar(Path jar) throws IOException {
        try (JarFile launcher = new JarFile(jar.toFile(), false)) {
            Manifest manifest = launcher.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return jar;
            }
            Path server = jar.resolveSibling(classPath.trim());
            if (classPath.trim().contains(" ") || !Files.isRegularFile(server)) {
                throw new IOException("not one server jar: " + classPath);
            }
            return server;
        }
    }

    private static Optional<Path> archiveDirectory(Path jar) {
        Path beside = jar.getParent();
        if (beside != null && Files.isWritable(beside)) {
            return Optional.of(beside);
        }
        try {
            Path cache = Path.of(System.getProperty("user.home"), ".cache", "dialtone");
            Files.createDirectories(cache);
            return Files.isWritable(cache) ? Optional.of(cache) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The archive the first run wrote at its exit, put in place once a JVM mapped it with its checksums verified;
     * older archives of other jars go.
     */
    private static void keep(Path making, Path archive, Path directory, Path jar) {
        try {
            if (!Files.isRegularFile(making) || Files.size(making) == 0 || !mapsWhole(making, jar)) {
                Files.deleteIfExists(making);
                return;
            }
            try {
                Files.move(making, archive, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(making, archive, StandardCopyOption.REPLACE_EXISTING);
            }
            try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, "dialtone-*.jsa*")) {
                for (Path stale : old) {
                    if (!stale.equals(archive) && !stale.getFileName().toString().contains(".part-")) {
                        Files.deleteIfExists(stale);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // No archive this time: the next start makes one.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether a JVM maps {@code archive} for {@code jar} with every region's checksum right. A damaged archive makes
     * it stop with an error, a short one crash: either way not a clean exit.
     */
    static boolean mapsWhole(Path archive, Path jar) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-XX:SharedArchiveFile=" + archive);
        command.add("-Xshare:on");
        command.add("-XX:+VerifySharedSpaces");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-XX:ErrorFile=/dev/null");
        command.add("-cp");
        command.add(jar.toString());
        command.add("-version");
        Process check = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // Bounded: this runs after the server stopped, and the launcher's own exit waits for it.
        if (!check.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            check.destroyForcibly();
            return false;
        }
        return check.exitValue() == 0;
    }

    /** This JVM's own {@code java}: the server and the archive check run on the same JDK as the launcher. */
    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void interrupt(Process server) {
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start();
        } catch (IOException e) {
            server.toHandle().destroy();
        }
    }
}
