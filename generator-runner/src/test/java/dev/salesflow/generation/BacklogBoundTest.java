package dev.salesflow.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generator.Backfill;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.generator.TimedCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's backlog bound: while the pipeline's backlog is above the bound nothing is
 * submitted, below three quarters of it everything goes on, and a live run does not catch up the
 * time it was held back.
 */
class BacklogBoundTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
    private static final Instant TODAY = Instant.parse("2026-11-26T00:00:00Z");
    private static final long BOUND = 100;

    @TempDir
    Path dataDir;

    /** What the test says the slowest stage is behind. */
    private final AtomicLong behind = new AtomicLong();

    private final List<Object> sent = new CopyOnWriteArrayList<>();
    /** When each sale reached the gateway (System.nanoTime), in the order they did. */
    private final List<Long> saleTimes = new CopyOnWriteArrayList<>();

    private GeneratorRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.stop();
        }
    }

    private GeneratorRunner runner(GeneratorSettings settings) {
        return runner(settings, () -> new PipelineBacklog.Backlog(behind.get(), "silver-sales", null));
    }

    private GeneratorRunner runner(GeneratorSettings settings, PipelineBacklog backlog) {
        CommandGateway gateway = mock(CommandGateway.class);
        doAnswer(call -> {
                    Object command = call.getArgument(0);
                    if (command instanceof PlaceSaleCommand) {
                        saleTimes.add(System.nanoTime());
                    }
                    sent.add(command);
                    return null;
                })
                .when(gateway)
                .sendAndWait(any());
        EventStoreQueries store = new EventStoreQueries(null) {
            @Override
            public long countAggregates(String aggregateType) {
                return 0;
            }

            @Override
            public Set<String> aggregateIds(List<String> aggregateTypes) {
                return Set.of();
            }

            @Override
            public Set<String> existingAggregates(Collection<String> aggregateIds) {
                return Set.of();
            }
        };
        runner = new GeneratorRunner(
                settings, gateway, store, new SeedLock(dataDir), Clock.fixed(NOW, ZoneOffset.UTC), backlog);
        return runner;
    }

    private static List<Object> backfillStream() {
        SalesSimulation simulation =
                SalesSimulation.backfill(new SimulationSettings(42, 120, 300, 48), new Backfill(2, 300, TODAY));
        List<Object> all = new ArrayList<>();
        for (TimedCommand c = simulation.next(); c != null; c = simulation.next()) {
            all.add(c.command());
        }
        return all;
    }

    @Test
    void aBackfillSendsNothingWhileTheBacklogIsAboveTheBoundAndAllOfItOnceItIsBackUnderThreeQuarters() {
        behind.set(BOUND + 1);
        // A backfill's bound is a multiple of the setting.
        GeneratorRunner runner = runner(new GeneratorSettings(
                true,
                42,
                0,
                null,
                null,
                120,
                300,
                48,
                2,
                300,
                null,
                BOUND / GeneratorSettings.BACKFILL_BACKLOG_FACTOR));
        runner.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> runner.holdBack().heldBack());
        GeneratorHoldBack held = runner.holdBack();
        assertThat(held.describe()).isEqualTo("generator held back: silver-sales 101 events behind (bound 100)");
        assertThat(held.bound()).isEqualTo(BOUND);
        // Held before its very first command: nothing reached the gateway, and nothing does while held.
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(sent::isEmpty);

        // Under the bound but above three quarters of it: still held (hysteresis).
        behind.set(BOUND * 3 / 4 + 1);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(sent::isEmpty);
        assertThat(runner.holdBack().heldBack()).isTrue();
        assertThat(runner.holdBack().backlog().eventsBehind()).isEqualTo(BOUND * 3 / 4 + 1);

        behind.set(BOUND * 3 / 4);
        await().atMost(Duration.ofMinutes(1)).until(runner::finished);
        List<Object> stream = backfillStream();
        assertThat(sent).containsExactlyInAnyOrderElementsOf(stream);
        CommandPipelineTest.assertStreamOrderKept(stream, sent);
        GeneratorHoldBack after = runner.holdBack();
        assertThat(after.heldBack()).isFalse();
        assertThat(after.describe()).isNull();
        assertThat(after.holds()).isEqualTo(1);
        assertThat(after.heldTotal()).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void aLiveRunHeldBackGoesOnAtItsRateWithoutCatchingUpTheTimeItWaited() {
        double rate = 100;
        long sales = 200;
        GeneratorRunner runner =
                runner(new GeneratorSettings(true, 42, rate, sales, null, 120, 300, 48, null, 2000, null, BOUND));
        runner.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> saleTimes.size() >= 50);

        behind.set(BOUND * 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.holdBack().heldBack());
        // What was submitted before the hold ends; after that nothing new goes out, customer
        // registrations (sent in the background of a live run) included.
        await().atMost(Duration.ofSeconds(10)).until(() -> runner.commandsInFlight() == 0);
        int atHold = sent.size();
        int salesAtHold = saleTimes.size();
        assertThat(salesAtHold).as("the hold came before the run's end").isLessThan((int) sales - 20);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10)).until(() -> sent.size() == atHold);

        long lowered = System.nanoTime();
        behind.set(0);
        await().atMost(Duration.ofMinutes(1)).until(runner::finished);
        assertThat(runner.salesSent()).isEqualTo(sales);
        assertThat(runner.holdBack().holds()).isEqualTo(1);

        // The sales after the hold are due from its end at the configured rate: the last one no
        // earlier than (remaining - 1) / rate after the backlog came down. Catching up the 1.5 s
        // held back would have sent them all at once.
        int remaining = saleTimes.size() - salesAtHold;
        assertThat(remaining).isEqualTo((int) sales - salesAtHold);
        long last = saleTimes.stream().mapToLong(Long::longValue).max().orElseThrow();
        long spreadNanos = (long) ((remaining - 1) * TimeUnit.SECONDS.toNanos(1) / rate);
        assertThat(last - lowered)
                .as("nanoseconds from the end of the hold to the last sale, %d sales at %s/s", remaining, rate)
                .isGreaterThanOrEqualTo(spreadNanos);
    }

    @Test
    void aBacklogThatCannotBeReadIsNoBound() {
        GeneratorSettings settings = new GeneratorSettings(true, 42, 0, null, null, 120, 300, 48, 2, 300, null, BOUND);
        runner(settings, () -> {
            throw new IllegalStateException("store closing");
        });
        runner.start();
        await().atMost(Duration.ofMinutes(1)).until(runner::finished);
        assertThat(sent).hasSameSizeAs(backfillStream());
        assertThat(runner.holdBack().holds()).isZero();
        assertThat(runner.holdBack().backlog().measured()).isFalse();
    }
}
