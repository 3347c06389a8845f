package dev.salesflow.generator.tool;

import dev.salesflow.generator.Backfill;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.generator.TimedCommand;
import java.time.Instant;

/** Prints how long the simulation takes per sale (not a test: no timed assertion). */
public final class SpeedMain {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        SalesSimulation sim = SalesSimulation.backfill(
                SimulationSettings.withSeed(42), new Backfill(3650, 20_000, Instant.parse("2026-11-01T00:00:00Z")));
        long t1 = System.nanoTime();
        System.out.printf("setup %.2f s%n", (t1 - t0) / 1e9);
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long sales0 = sim.salesPlaced();
            long commands = 0;
            while (sim.salesPlaced() - sales0 < 500_000) {
                TimedCommand c = sim.next();
                commands++;
            }
            double micros = (System.nanoTime() - start) / 1e3 / 500_000;
            System.out.printf("round %d: %.2f us per sale (%d commands)%n", round, micros, commands);
        }
    }
}
