package dev.salesflow.generator.tool;

import dev.salesflow.generator.Backfill;
import dev.salesflow.generator.SimulationSettings;
import java.time.Instant;

/** Prints the summary of a backfill: a quick look while tuning (not a test). */
public final class SummaryMain {
    public static void main(String[] args) {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        long t0 = System.nanoTime();
        var summary = CommandDump.run(
                SimulationSettings.withSeed(seed),
                new Backfill(days, Backfill.DEFAULT_SALES_PER_DAY, Instant.parse("2026-11-01T00:00:00Z")),
                null,
                null);
        System.out.println(summary.report());
        System.out.printf("%.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
