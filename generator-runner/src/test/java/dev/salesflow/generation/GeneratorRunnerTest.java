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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner sends the simulation's stream, and after a restart resumes it where the store says it stopped. */
class GeneratorRunnerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");
    private static final Instant TODAY = Instant.parse("2026-11-26T00:00:00Z");

    @TempDir
    Path dataDir;

    private final List<Object> sent = new CopyOnWriteArrayList<>();
    /** The command (0-based) whose sending fails with something other than a refusal; -1 = none. */
    private int failAt = -1;

    private GeneratorSettings settings() {
        return new GeneratorSettings(true, 42, 0, null, null, 120, 300, 48, 2, 300, null);
    }

    private static List<TimedCommand> expected() {
        SalesSimulation simulation =
                SalesSimulation.backfill(new SimulationSettings(42, 120, 300, 48), new Backfill(2, 300, TODAY));
        List<TimedCommand> all = new ArrayList<>();
        for (TimedCommand c = simulation.next(); c != null; c = simulation.next()) {
            all.add(c);
        }
        return all;
    }

    private GeneratorRunner runner(long storedSales, Set<String> storedIds) {
        CommandGateway gateway = mock(CommandGateway.class);
        doAnswer(call -> {
                    if (sent.size() == failAt) {
                        throw new IllegalStateException("wrapped", new java.io.IOException("No space left on device"));
                    }
                    sent.add(call.getArgument(0));
                    return null;
                })
                .when(gateway)
                .sendAndWait(any());
        EventStoreQueries store = new EventStoreQueries(null) {
            @Override
            public long countAggregates(String aggregateType) {
                return aggregateType.equals("Sale") ? storedSales : 0;
            }

            @Override
            public Set<String> aggregateIds(List<String> aggregateTypes) {
                return storedIds;
            }
        };
        return new GeneratorRunner(settings(), gateway, store, new SeedLock(dataDir), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aBackfillSendsTheWholeHistoryEndingAtTheStartOfTodayThenStops() {
        GeneratorRunner runner = runner(0, Set.of());
        runner.start();
        await().atMost(Duration.ofMinutes(1)).until(runner::finished);
        runner.stop();
        List<TimedCommand> expected = expected();
        assertThat(sent)
                .containsExactlyElementsOf(
                        expected.stream().map(TimedCommand::command).toList());
        assertThat(runner.salesSent())
                .isEqualTo(expected.stream()
                        .filter(c -> c.command() instanceof PlaceSaleCommand)
                        .count());
        assertThat(runner.businessTime()).isBefore(TODAY);
    }

    @Test
    void aRestartFastForwardsOverTheStoredSalesAndSkipsCreationsThatExist() {
        List<TimedCommand> expected = expected();
        long stored = 250;
        int resumeAt = 0;
        for (long seen = 0; seen < stored; resumeAt++) {
            if (expected.get(resumeAt).command() instanceof PlaceSaleCommand) {
                seen++;
            }
        }
        Set<String> storedIds = new HashSet<>();
        expected.subList(0, resumeAt).stream()
                .filter(c -> c.createsAggregate() && !(c.command() instanceof PlaceSaleCommand))
                .forEach(c -> storedIds.add(c.createdAggregateId()));

        GeneratorRunner runner = runner(stored, storedIds);
        runner.start();
        await().atMost(Duration.ofMinutes(1)).until(runner::finished);
        runner.stop();

        Collection<Object> tail = expected.subList(resumeAt, expected.size()).stream()
                .filter(c -> !(c.createsAggregate() && storedIds.contains(c.createdAggregateId())))
                .map(TimedCommand::command)
                .toList();
        assertThat(sent).containsExactlyElementsOf(tail);
    }

    /** Issue 12, item 6: before, the generator logged the failure and nobody else could know. */
    @Test
    void aFailureOtherThanARefusalStopsTheGeneratorAndIsReportedOnceWithWhatToDo() {
        failAt = 500;
        GeneratorRunner runner = runner(0, Set.of());
        List<GeneratorRunner.Failure> reported = new CopyOnWriteArrayList<>();
        runner.onFailure(reported::add);
        runner.start();
        await().atMost(Duration.ofMinutes(1)).until(runner::finished);
        runner.stop();

        assertThat(sent).hasSize(500);
        assertThat(reported).hasSize(1).containsExactly(runner.failure());
        GeneratorRunner.Failure failure = runner.failure();
        assertThat(failure.backfill()).isTrue();
        assertThat(failure.commandsSent()).isEqualTo(500);
        assertThat(failure.cause()).isEqualTo("IllegalStateException caused by IOException: No space left on device");
        assertThat(failure.describe())
                .startsWith("The backfill cannot complete: the sales generator stopped at business time ")
                .contains("after " + runner.salesSent() + " sales (500 commands) in this run")
                .endsWith("No space left on device. What is stored is kept; fix the cause and run the same command"
                        + " again to resume.");
    }

    @Test
    void aGeneratorThatEndsAsPlannedReportsNoFailure() {
        GeneratorRunner runner = runner(0, Set.of());
        runner.start();
        await().atMost(Duration.ofMinutes(1)).until(runner::finished);
        runner.stop();
        assertThat(runner.failure()).isNull();
    }
}
