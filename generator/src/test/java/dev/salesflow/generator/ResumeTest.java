package dev.salesflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fast-forwarding over N sales without sending gives exactly the tail of an uninterrupted run. */
class ResumeTest {

    @Test
    void backfillResumedAfterNSalesContinuesWithTheUninterruptedTail() {
        Backfill plan = new Backfill(10, 800, Runs.UNTIL);
        List<TimedCommand> whole = Runs.all(SalesSimulation.backfill(Runs.smallShop(42), plan));
        for (long n : new long[] {0, 1, 2_345, 6_000}) {
            SalesSimulation resumed = SalesSimulation.backfill(Runs.smallShop(42), plan);
            resumed.fastForward(n);
            assertThat(Runs.json(Runs.all(resumed)))
                    .as("resumed after %d sales", n)
                    .isEqualTo(Runs.json(whole.subList(indexAfterSale(whole, n), whole.size())));
        }
    }

    @Test
    void liveRunResumedAfterNSalesContinuesWithTheUninterruptedTail() {
        List<TimedCommand> whole = DeterminismTest.live(42, 8_000);
        SalesSimulation resumed = SalesSimulation.live(Runs.smallShop(42), DeterminismTest.steppingClock());
        resumed.fastForward(3_000);
        List<TimedCommand> tail = new ArrayList<>();
        while (resumed.salesPlaced() < 8_000) {
            tail.add(resumed.next());
        }
        assertThat(Runs.json(tail)).isEqualTo(Runs.json(whole.subList(indexAfterSale(whole, 3_000), whole.size())));
    }

    @Test
    void afterFastForwardTheLatestRatesAreThoseLastPublished() {
        List<TimedCommand> whole =
                Runs.all(SalesSimulation.backfill(Runs.smallShop(42), new Backfill(3, 500, Runs.UNTIL)));
        SalesSimulation resumed = SalesSimulation.backfill(Runs.smallShop(42), new Backfill(3, 500, Runs.UNTIL));
        resumed.fastForward(1_200);
        Object lastPublished = whole.subList(0, indexAfterSale(whole, 1_200)).stream()
                .map(TimedCommand::command)
                .filter(c -> c instanceof dev.salesflow.domain.api.fx.PublishExchangeRatesCommand)
                .reduce((first, second) -> second)
                .orElseThrow();
        assertThat(resumed.latestRates().command()).isEqualTo(lastPublished);
    }

    @Test
    void fastForwardPastTheEndOfABackfillStopsThere() {
        SalesSimulation simulation = SalesSimulation.backfill(Runs.smallShop(1), new Backfill(1, 100, Runs.UNTIL));
        simulation.fastForward(1_000_000);
        assertThat(simulation.next()).isNull();
        assertThat(simulation.salesPlaced()).isBetween(50L, 150L);
    }

    /** Index of the first command after the n-th sale (0 = the very start). */
    static int indexAfterSale(List<TimedCommand> commands, long n) {
        if (n == 0) {
            return 0;
        }
        long seen = 0;
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).command() instanceof PlaceSaleCommand && ++seen == n) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("only " + seen + " sales");
    }
}
