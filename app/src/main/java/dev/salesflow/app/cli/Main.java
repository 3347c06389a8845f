package dev.salesflow.app.cli;

/** The entry point: the command line decides what runs (the application, or one of its subcommands). */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Axon would otherwise phone home at start-up.
        System.setProperty("axoniq.update-checker.disabled", "true");
        int exitCode = RunCommand.execute(args);
        if (exitCode != 0 || RunCommand.isSubcommand(args)) {
            System.exit(exitCode);
        }
        // Otherwise the application runs on its own threads until Ctrl-C.
    }
}
