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
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Makes {@code java -jar dialtone.jar serve} start fast without options a user must know: it runs the server in a
 * second JVM with a class-data archive of the server's own classes (AppCDS) and the serial collector, which cuts
 * the time to the first answer by about a third (class loading is most of a start). Java 17 makes no archive by itself
 * and a jar's manifest cannot carry JVM options, hence the re-launch.
 *
 * <p>The archive is made by the first run, when its JVM exits ({@code -XX:ArchiveClassesAtExit}, under a temporary
 * name renamed once complete), beside the jar or else in {@code ~/.cache/dialtone}; it is keyed by the jar's size and
 * time and the JVM's version, so a rebuilt jar or another JDK makes a new one, and stale ones are removed. A
 * mismatched or damaged archive is ignored by the JVM ({@code -Xshare:auto}, its checksum verified, its messages off):
 * the start is then only slower. Not re-launched: with {@code DIALTONE_LAUNCHER=off}, off Linux, outside a jar, or when the user gave
 * class-data options of their own; the user's other JVM options are passed on. SIGTERM and SIGINT are passed to the
 * server, whose exit code this process exits with; if this process dies, even by SIGKILL, the server stops too
 * ({@link LauncherWatch}).
 */
final class Launcher {
    static final String LAUNCHED = "dialtone.launched";
    /**
     * A damaged archive crashes the JVM that maps it unless its checksum is verified first (which costs ~10 ms). Not
     * {@code -XX:TieredStopAtLevel=1}: C1 alone starts ~0.1 s sooner, but it has no SHA-256 intrinsics and a
     * PostgreSQL test (scram-sha-256, 4096 PBKDF2 rounds on the client side) then takes 3.5 times as long, every test.
     * The serial collector starts ~45 ms sooner than G1 and keeps the idle footprint smaller.
     */
    private static final List<String> FAST = List.of("-XX:+UseSerialGC",
            "-Xshare:auto", "-XX:+VerifySharedSpaces", "-Xlog:cds*=off", "-Xlog:class+path=off");
    /** The exit code of a JVM that hit a fatal error (SIGABRT). */
    private static final int JVM_CRASHED = 134;

    private Launcher() {
    }

    /** The server's exit code once it ran in a re-launched JVM, or empty to run it in this one. */
    static Optional<Integer> relaunch(String[] args) {
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
            Path jar = Path.of(classPath).toAbsolutePath();
            Optional<Path> directory = archiveDirectory(jar);
            if (directory.isEmpty()) {
                return Optional.empty();
            }
            String key = Long.toHexString(Files.size(jar)) + "-" + Long.toHexString(Files.getLastModifiedTime(jar)
                    .toMillis()) + "-" + Integer.toHexString(System.getProperty("java.vm.version", "").hashCode());
            Path archive = directory.get().resolve("dialtone-" + key + ".jsa");
            Path making = directory.get().resolve("dialtone-" + key + ".jsa.part-" + ProcessHandle.current().pid());
            boolean exists = Files.isRegularFile(archive);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add(exists ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + making);
            command.addAll(FAST);
            command.addAll(jvmOptions.get());
            command.add("-D" + LAUNCHED + "=true");
            command.add("-D" + LauncherWatch.PIPE + "=stdin");
            command.add("-jar");
            command.add(jar.toString());
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
                keep(making, archive, directory.get());
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

    /** The archive the first run wrote at its exit, put in place whole; older archives of other jars go. */
    private static void keep(Path making, Path archive, Path directory) {
        try {
            if (!Files.isRegularFile(making) || Files.size(making) == 0) {
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
        }
    }

    private static void interrupt(Process server) {
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start();
        } catch (IOException e) {
            server.toHandle().destroy();
        }
    }
}
