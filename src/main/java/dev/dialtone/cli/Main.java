package dev.dialtone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dialtone} command. */
@Command(name = "dialtone", mixinStandardHelpOptions = true, version = "Dialtone 0.1.0",
        description = "A self-hosted AWS Glue connection API that really tests connections.",
        subcommands = {ServeCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
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
