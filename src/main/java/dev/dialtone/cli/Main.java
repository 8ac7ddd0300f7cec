package dev.dialtone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dialtone} command. */
@Command(name = "dialtone", mixinStandardHelpOptions = true, version = "Dialtone 0.1.0",
        description = "A self-hosted AWS Glue connection API that really tests connections.",
        subcommands = {ServeCommand.class, TestCommand.class, HistoryCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].equals("serve")) {
            // The CLI reports results itself; the server's per-test log lines would only interleave.
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.dialtone"))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        int exitCode = new CommandLine(new Main()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
