package dev.salesflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Same seed and options, same commands: byte for byte, as JSON lines. */
class DeterminismTest {

    private static final Backfill WEEK = new Backfill(7, 600, Runs.UNTIL);

    @Test
    void twoIndependentBackfillsSerialiseToTheSameBytes() {
        byte[] first = String.join("\n", Runs.json(Runs.all(SalesSimulation.backfill(Runs.smallShop(42), WEEK))))
                .getBytes(StandardCharsets.UTF_8);
        byte[] second = String.join("\n", Runs.json(Runs.all(SalesSimulation.backfill(Runs.smallShop(42), WEEK))))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(first.length).isGreaterThan(1_000_000);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherSeedOrOtherOptionsGiveAnotherHistory() {
        List<String> base = Runs.json(Runs.all(SalesSimulation.backfill(Runs.smallShop(42), WEEK)));
        assertThat(Runs.json(Runs.all(SalesSimulation.backfill(Runs.smallShop(43), WEEK))))
                .isNotEqualTo(base);
        assertThat(Runs.json(Runs.all(SalesSimulation.backfill(Runs.smallShop(42), new Backfill(7, 700, Runs.UNTIL)))))
                .isNotEqualTo(base);
    }

    @Test
    void backfillTimesNeverDecreaseAndStayInsideTheHistory() {
        List<TimedCommand> commands = Runs.all(SalesSimulation.backfill(Runs.smallShop(7), WEEK));
        Instant previous = WEEK.from();
        for (TimedCommand command : commands) {
            assertThat(command.at()).isAfterOrEqualTo(previous).isBefore(WEEK.until());
            previous = command.at();
        }
        long sales = commands.stream()
                .filter(c -> c.command() instanceof PlaceSaleCommand)
                .count();
        assertThat(sales).isBetween(7 * 600 * 9 / 10L, 7 * 600 * 11 / 10L);
    }

    @Test
    void liveRunsWithTheSameBusinessTimesGiveTheSameCommands() {
        assertThat(Runs.json(live(42, 5_000))).isEqualTo(Runs.json(live(42, 5_000)));
    }

    @Test
    void theSalesOnlyStreamHasTheFullStreamsSaleIdsAndTheGivenTimes() {
        SalesSimulation salesOnly = new SalesSimulation(Runs.smallShop(42));
        assertThat(salesOnly.catalogue(Instant.EPOCH)).hasSize(120 + 2_000 + SimulationSettings.DEFAULT_STORES);
        List<String> fullIds = live(42, 500).stream()
                .map(TimedCommand::command)
                .filter(PlaceSaleCommand.class::isInstance)
                .map(c -> ((PlaceSaleCommand) c).saleId())
                .toList();
        for (int n = 0; n < 500; n++) {
            Instant at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(n);
            PlaceSaleCommand sale = salesOnly.nextSale(at);
            assertThat(sale.saleId()).isEqualTo(fullIds.get(n));
            assertThat(sale.placedAt()).isEqualTo(at);
        }
    }

    static List<TimedCommand> live(long seed, int sales) {
        SalesSimulation simulation = SalesSimulation.live(Runs.smallShop(seed), steppingClock());
        List<TimedCommand> commands = new ArrayList<>();
        while (simulation.salesPlaced() < sales) {
            commands.add(simulation.next());
        }
        return commands;
    }

    /** A clock that moves 50 ms per reading, from a fixed instant. */
    static Supplier<Instant> steppingClock() {
        Instant[] now = {Instant.parse("2026-11-20T06:00:00Z")};
        return () -> {
            now[0] = now[0].plus(Duration.ofMillis(50));
            return now[0];
        };
    }
}
