package dev.salesflow.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.generator.Backfill;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.generator.TimedCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/** Several senders, and still every command after those the stream says it needs. */
class CommandPipelineTest {

    private static List<Object> stream() {
        SalesSimulation simulation = SalesSimulation.backfill(
                new SimulationSettings(7, 60, 200, 12), new Backfill(6, 400, Instant.parse("2026-11-01T00:00:00Z")));
        List<Object> all = new ArrayList<>();
        for (TimedCommand c = simulation.next(); c != null; c = simulation.next()) {
            all.add(c.command());
        }
        return all;
    }

    @Test
    void everyCommandStartsAfterThoseItDependsOnEndedAndSendersOverlapOtherwise() throws Exception {
        List<Object> stream = stream();
        AtomicLong clock = new AtomicLong();
        Map<Object, long[]> spans = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Object> ended = new CopyOnWriteArrayList<>();
        CommandGateway gateway = mock(CommandGateway.class);
        doAnswer(call -> {
                    long start = clock.incrementAndGet();
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    for (int i = 0; i < 50; i++) {
                        Thread.yield();
                    }
                    running.decrementAndGet();
                    ended.add(call.getArgument(0));
                    spans.put(call.getArgument(0), new long[] {start, clock.incrementAndGet()});
                    return null;
                })
                .when(gateway)
                .sendAndWait(any());
        AtomicInteger sent = new AtomicInteger();
        try (CommandPipeline pipeline = new CommandPipeline(gateway, 4, 64, counting(sent))) {
            for (Object command : stream) {
                pipeline.submit(command);
                assertThat(pipeline.inFlight()).isLessThanOrEqualTo(64);
            }
            pipeline.drain();
        }
        assertThat(sent.get()).isEqualTo(stream.size());
        assertThat(ended).containsExactlyInAnyOrderElementsOf(stream);
        assertThat(mostAtOnce.get()).as("senders at once").isGreaterThan(1);
        // Stronger than the order of ends: each command started after its predecessors ended.
        Map<String, Object> lastOwner = new HashMap<>();
        Object lastBarrier = null;
        long latestEnd = 0;
        for (Object command : stream) {
            long[] span = spans.get(command);
            CommandPipeline.Links links = CommandPipeline.links(command);
            if (links == null) {
                assertThat(span[0])
                        .as("barrier %s after all before it", command)
                        .isGreaterThan(latestEnd);
                lastBarrier = command;
            } else {
                if (lastBarrier != null) {
                    assertThat(span[0]).as("%s after the barrier", command).isGreaterThan(spans.get(lastBarrier)[1]);
                }
                for (String key : links.after()) {
                    Object before = lastOwner.get(key);
                    if (before != null) {
                        assertThat(span[0]).as("%s after %s", command, before).isGreaterThan(spans.get(before)[1]);
                    }
                }
                links.owns().forEach(key -> lastOwner.put(key, command));
            }
            latestEnd = Math.max(latestEnd, span[1]);
        }
    }

    @Test
    void aRefusedCommandIsCountedAndTheStreamGoesOnButAnUnexpectedFailureStopsIt() throws Exception {
        List<Object> stream = stream().subList(0, 1_000);
        Object refusedOne = stream.stream()
                .filter(c -> c instanceof PlaceSaleCommand)
                .findFirst()
                .orElseThrow();
        Object failing = stream.get(900);
        CommandGateway gateway = mock(CommandGateway.class);
        doAnswer(call -> {
                    Object command = call.getArgument(0);
                    if (command == refusedOne) {
                        throw new InvalidCommandException("refused for the test");
                    }
                    if (command == failing) {
                        throw new IllegalStateException("the store is gone");
                    }
                    return null;
                })
                .when(gateway)
                .sendAndWait(any());
        AtomicInteger sent = new AtomicInteger();
        List<Object> refused = new CopyOnWriteArrayList<>();
        CommandPipeline.Outcome outcome = new CommandPipeline.Outcome() {
            @Override
            public void sent(Object command) {
                sent.incrementAndGet();
            }

            @Override
            public void refused(Object command, InvalidCommandException reason) {
                refused.add(command);
            }
        };
        try (CommandPipeline pipeline = new CommandPipeline(gateway, 3, 16, outcome)) {
            assertThatThrownBy(() -> {
                        for (Object command : stream) {
                            pipeline.submit(command);
                        }
                        pipeline.drain();
                    })
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the store is gone");
        }
        assertThat(refused).containsExactly(refusedOne);
        // Commands already in flight (at most 16) may still end; nothing is handed out after the failure.
        assertThat(sent.get()).isLessThan(900 + 16);
    }

    static CommandPipeline.Outcome counting(AtomicInteger sent) {
        return new CommandPipeline.Outcome() {
            @Override
            public void sent(Object command) {
                sent.incrementAndGet();
            }

            @Override
            public void refused(Object command, InvalidCommandException reason) {
                throw new AssertionError("refused: " + command, reason);
            }
        };
    }

    /** Every command after what the stream put before it and it depends on (ends recorded in {@code sent}). */
    static void assertStreamOrderKept(List<Object> stream, List<Object> sent) {
        Map<Object, Integer> position = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            position.put(sent.get(i), i);
        }
        assertThat(position).as("no command twice").hasSize(sent.size());
        Map<String, Object> lastOwner = new HashMap<>();
        int lastBarrier = -1;
        int latest = -1;
        for (Object command : stream) {
            int at = position.get(command);
            CommandPipeline.Links links = CommandPipeline.links(command);
            if (links == null) {
                assertThat(at).as("barrier %s after all before it", command).isGreaterThan(latest);
                lastBarrier = at;
            } else {
                assertThat(at).as("%s after the last barrier", command).isGreaterThan(lastBarrier);
                for (String key : links.after()) {
                    Object before = lastOwner.get(key);
                    if (before != null) {
                        assertThat(at).as("%s after %s", command, before).isGreaterThan(position.get(before));
                    }
                }
                links.owns().forEach(key -> lastOwner.put(key, command));
            }
            latest = Math.max(latest, at);
        }
    }
}
