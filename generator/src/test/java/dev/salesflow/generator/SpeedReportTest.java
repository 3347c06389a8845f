package dev.salesflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Prints what a sale costs to generate (the benchmark needs well under 50 µs); no timed assertion. */
class SpeedReportTest {

    @Test
    void printsMicrosecondsPerSale() {
        SalesSimulation simulation =
                SalesSimulation.backfill(Runs.smallShop(42), new Backfill(3_650, 20_000, Runs.UNTIL));
        simulation.fastForward(100_000); // warm-up, catalogue included
        long commands = 0;
        long start = System.nanoTime();
        while (simulation.salesPlaced() < 400_000) {
            simulation.next();
            commands++;
        }
        double micros = (System.nanoTime() - start) / 1e3 / 300_000;
        System.out.printf(
                "Generator speed: %.2f µs per sale (%d commands for 300,000 sales, follow-ups and changes"
                        + " included)%n",
                micros, commands);
        assertThat(commands).isGreaterThan(300_000);
    }
}
