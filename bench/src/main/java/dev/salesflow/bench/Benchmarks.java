package dev.salesflow.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The benchmark commands; each prints its figures. {@code ./run.sh bench-commands|bench-replay|bench-relay|bench-end-to-end|bench-emulator|bench-bronze [options]}. */
@Command(
        name = "salesflow-bench",
        mixinStandardHelpOptions = true,
        subcommands = {
            CommandBenchmark.class,
            ReplayBenchmark.class,
            RelayBenchmark.class,
            EndToEndBenchmark.class,
            PassThroughBenchmark.Emulator.class,
            PassThroughBenchmark.Bronze.class
        },
        description = "Benchmarks that print figures: bench-commands (command side), bench-replay (projection replays),"
                + " bench-relay (the relay into the embedded Pub/Sub emulator), bench-end-to-end (the whole application),"
                + " bench-emulator (the Pub/Sub emulator), bench-bronze (the bronze Beam job).")
public final class Benchmarks implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.exit(new CommandLine(new Benchmarks()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
