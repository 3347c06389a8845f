package dev.salesflow.app.generation;

import dev.salesflow.generator.Backfill;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.generator.summary.Summary;
import dev.salesflow.generator.tool.CommandDump;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code salesflow generate}: the commands of a backfill without the pipeline (no Spring, no
 * event store, no Pub/Sub), as JSON lines and/or a realism summary. Equal options give equal
 * files, so two runs compare with {@code cmp}.
 */
@Command(
        name = "generate",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Writes the commands of a backfill as JSON lines and/or prints a realism summary; "
                + "starts nothing else.")
public class GenerateCommand implements Callable<Integer> {

    @Option(
            names = "--backfill-days",
            description = "Days of history (default: ${DEFAULT-VALUE}).",
            defaultValue = "30")
    int days;

    @Option(
            names = "--sales-per-day",
            description = "Average sales per day (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    double salesPerDay;

    @Option(
            names = "--until",
            converter = UntilConverter.class,
            description = "End of the history, exclusive: 2026-11-01 or an instant (default: start of today, UTC).")
    Instant until;

    @Option(names = "--seed", description = "Seed of the simulation (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(
            names = "--products",
            defaultValue = "" + SimulationSettings.DEFAULT_PRODUCTS,
            description = "Products listed at the start (default: ${DEFAULT-VALUE}).")
    int products;

    @Option(
            names = "--customers",
            defaultValue = "" + SimulationSettings.DEFAULT_CUSTOMERS,
            description = "Customers registered at the start (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(
            names = "--stores",
            defaultValue = "" + SimulationSettings.DEFAULT_STORES,
            description = "Stores opened at the start (default: ${DEFAULT-VALUE}).")
    int stores;

    @Option(names = "--out", description = "File for the JSON lines; - for standard output.")
    Path out;

    @Option(names = "--summary", description = "Print the realism summary (to standard error when --out is -).")
    boolean summary;

    @Override
    public Integer call() throws IOException {
        if (out == null && !summary) {
            System.err.println("Nothing to do: give --out FILE (or --out -) and/or --summary.");
            return 2;
        }
        Instant end = until != null ? until : Clock.systemUTC().instant().truncatedTo(ChronoUnit.DAYS);
        Backfill plan = new Backfill(days, salesPerDay, end);
        SimulationSettings settings = new SimulationSettings(seed, products, customers, stores);
        boolean toStdout = out != null && out.toString().equals("-");
        System.err.printf("Generating %d days before %s (seed %d, %.0f sales/day)...%n", days, end, seed, salesPerDay);
        long start = System.nanoTime();
        Summary result;
        LocalDate[] reported = {null};
        try {
            result = generate(settings, plan, toStdout, reported);
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            System.err.println("salesflow generate: cannot write " + (toStdout ? "to standard output" : out) + " ("
                    + describe(cause) + ") " + progress(reported[0])
                    + "; the file is incomplete: free some space or choose another --out, then run the command again.");
            return EXIT_CANNOT_COMPLETE;
        } catch (RuntimeException e) {
            System.err.println("salesflow generate: the simulation stopped " + progress(reported[0]) + " ("
                    + describe(e) + "); the output is incomplete. Check the options (--help); if they are right,"
                    + " this is a bug: please report it with the command line.");
            return EXIT_CANNOT_COMPLETE;
        }
        System.err.printf(
                "Done in %.1f s: %,d sales%s%n",
                (System.nanoTime() - start) / 1e9,
                result.sales(),
                out == null || toStdout ? "" : ", commands in " + out);
        if (summary) {
            (toStdout ? System.err : System.out).println(result.report());
        }
        return 0;
    }

    /** Exit code of a generation that could not complete (2 is for options the command refuses). */
    static final int EXIT_CANNOT_COMPLETE = 1;

    private Summary generate(SimulationSettings settings, Backfill plan, boolean toStdout, LocalDate[] reported)
            throws IOException {
        Summary result;
        try (Writer writer = out == null
                ? null
                : toStdout
                        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                        : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            result = CommandDump.run(settings, plan, writer, command -> {
                LocalDate day = LocalDate.ofInstant(command.at(), ZoneOffset.UTC);
                if (!toStdout && !day.equals(reported[0])) {
                    reported[0] = day;
                    System.err.println("  reached " + day);
                }
            });
        }
        return result;
    }

    private static String progress(LocalDate reached) {
        return reached == null ? "before its first day" : "at business date " + reached;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such folder or file: " + message;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + message;
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
