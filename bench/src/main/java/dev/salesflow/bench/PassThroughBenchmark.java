package dev.salesflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Benchmarks that parse their own arguments (their {@code main} documents them): the emulator's and
 * the bronze job's, reached from the same entry point as the others.
 */
final class PassThroughBenchmark {

    private PassThroughBenchmark() {}

    @Command(
            name = "bench-emulator",
            description = "The Pub/Sub emulator through the real client libraries: messages per second publish to ack"
                    + " (options: see pubsub-emulator/README.md, e.g. --messages 300000 --keys 64).")
    static final class Emulator implements Callable<Integer> {
        @CommandLine.Unmatched
        List<String> arguments = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            EmulatorBenchmark.main(arguments.toArray(String[]::new));
            return 0;
        }
    }

    @Command(
            name = "bench-bronze",
            description =
                    "The bronze Beam job on the DirectRunner into DuckDB: 'throughput N SECONDS' (events/s first to"
                            + " last row) or 'latency RATE SECONDS' (publish to row); see beam-bronze/README.md.")
    static final class Bronze implements Callable<Integer> {
        @CommandLine.Unmatched
        List<String> arguments = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            String[] args = arguments.toArray(String[]::new);
            int early = BronzeBenchmark.checkArguments(args, System.out, System.err);
            if (early >= 0) {
                return early; // --help or a wrong argument: nothing started
            }
            BronzeBenchmark.main(args);
            return 0;
        }
    }
}
