package dev.dialtone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dialtone} command. */
@Command(name = "dialtone", mixinStandardHelpOptions = true, version = "Dialtone 0.1.0",
        description = "A self-hosted AWS Glue connection API that really tests connections.",
        subcommands = {ServeCommand.class, TestCommand.class, HistoryCommand.class, TypesCommand.class,
                RotateMasterKeyCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        LauncherWatch.startIfLaunched();
        if (args.length > 0 && args[0].equals("serve")) {
            java.util.Optional<Integer> served = Launcher.relaunch(args);
            if (served.isPresent()) {
                System.exit(served.get());
            }
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

    /** The whole command line, its subcommands made by {@code factory} (tests give theirs streams and environment). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new Main(), factory).setExecutionExceptionHandler(Main::explain);
    }

    /**
     * A setting an operator got wrong, or a port already taken, is one line naming it, not a stack trace.
     * Anything else is a bug and keeps its trace.
     */
    static int explain(Exception error, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (error instanceof IllegalArgumentException) {
            command.getErr().println("dialtone: " + error.getMessage());
            return 2;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof dev.dialtone.catalog.SecretsUnavailable) {
                command.getErr().println("dialtone: cannot open the catalog's secrets: " + cause.getMessage());
                return 2;
            }
            if (cause instanceof dev.dialtone.catalog.CatalogUnreachable) {
                command.getErr().println("dialtone: " + cause.getMessage());
                return 1;
            }
            if (cause instanceof java.net.BindException) {
                command.getErr().println("dialtone: cannot listen: " + cause.getMessage()
                        + " (another process may hold the port; choose one with --port or DIALTONE_PORT)");
                return 1;
            }
        }
        throw error;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
