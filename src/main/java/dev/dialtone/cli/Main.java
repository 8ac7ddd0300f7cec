package dev.dialtone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dialtone} command. */
@Command(name = "dialtone", mixinStandardHelpOptions = true, version = "Dialtone 0.1.0",
        description = "A self-hosted AWS Glue connection API that really tests connections.",
        subcommands = {ServeCommand.class, TestCommand.class, HistoryCommand.class, TypesCommand.class,
                RotateMasterKeyCommand.class})
public final class Main implements Runnable {
    private static final String SLF4J_PROVIDER = "slf4j.provider";
    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    public static void main(String[] args) {
        // Named, SLF4J binds logback without scanning every service file of the fat jar (~20 ms of a start). Its
        // own notes are then errors only: otherwise it says on every start which provider it was told to load and,
        // as logback sets itself up beside the rest of the start, that it replayed the lines logged meanwhile.
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, "ch.qos.logback.classic.spi.LogbackServiceProvider");
            if (System.getProperty(SLF4J_VERBOSITY) == null) {
                System.setProperty(SLF4J_VERBOSITY, "ERROR");
            }
        }
        LauncherWatch.startIfLaunched();
        if (args.length > 0 && args[0].equals("serve")) {
            java.util.Optional<Integer> served = Launcher.relaunch(args);
            if (served.isPresent()) {
                System.exit(served.get());
            }
        }
        if (args.length == 1 && args[0].equals("serve")) {
            // The README's first command, and a server configured by DIALTONE_* variables: no option to parse, so
            // picocli is not loaded at all. Its classes (Java 5 class files, which a Java 17 dynamic class-data archive
            // cannot hold) and its reflection on the commands' annotations cost ~0.1 s of a ~0.6 s start.
            System.exit(serveWithoutOptions());
        }
        if (args.length > 0 && !args[0].equals("serve")) {
            // The CLI reports results itself; the server's per-test log lines would only interleave.
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.dialtone"))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        int exitCode = commandLine(CommandLine.defaultFactory()).execute(args);
        // A server that stopped (SIGTERM drained) exits now, whatever library thread is left.
        if (exitCode != 0 || (args.length > 0 && args[0].equals("serve"))) {
            System.exit(exitCode);
        }
    }

    /** {@code serve} with no option: what picocli would run, with the same answers to a failed start. */
    static int serveWithoutOptions() {
        try {
            return new ServeCommand().call();
        } catch (Exception e) {
            java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
            java.util.OptionalInt explained = explain(e, err);
            if (explained.isPresent()) {
                return explained.getAsInt();
            }
            e.printStackTrace(err); // as picocli does with an error its handler does not explain
            return 1;
        }
    }

    /** The whole command line, its subcommands made by {@code factory} (tests give theirs streams and environment). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new Main(), factory).setExecutionExceptionHandler(Main::explain);
    }

    /**
     * A setting an operator got wrong, or a port already taken, is one line naming it, not a stack trace.
     * Anything else is a bug and keeps its trace.
     */
    static int explain(Exception error, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        java.util.OptionalInt explained = explain(error, command.getErr());
        if (explained.isPresent()) {
            return explained.getAsInt();
        }
        throw error;
    }

    /** The exit code once the error is told in one line on {@code err}, or empty when it is a bug. */
    private static java.util.OptionalInt explain(Exception error, java.io.PrintWriter err) {
        if (error instanceof IllegalArgumentException) {
            err.println("dialtone: " + error.getMessage());
            return java.util.OptionalInt.of(2);
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof dev.dialtone.catalog.SecretsUnavailable) {
                err.println("dialtone: cannot open the catalog's secrets: " + cause.getMessage());
                return java.util.OptionalInt.of(2);
            }
            if (cause instanceof dev.dialtone.catalog.CatalogUnreachable) {
                err.println("dialtone: " + cause.getMessage());
                return java.util.OptionalInt.of(1);
            }
            if (cause instanceof java.net.BindException) {
                err.println("dialtone: cannot listen: " + cause.getMessage()
                        + " (another process may hold the port; choose one with --port or DIALTONE_PORT)");
                return java.util.OptionalInt.of(1);
            }
        }
        return java.util.OptionalInt.empty();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
