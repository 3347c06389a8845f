package dev.salesflow.app.relay;

import dev.salesflow.app.eventstore.EventStoreQueries;
import dev.salesflow.app.eventstore.StoredEventId;
import dev.salesflow.bronze.duckdb.BronzeTables;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.Warehouse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start-up in the embedded mode, publishes again every stored event that is not in bronze.
 *
 * <p>The embedded emulator keeps messages in memory, and the relay's position moves once Pub/Sub
 * has confirmed a message, not once bronze has landed it. After a crash, events that were
 * confirmed but still in the emulator (or acknowledged by Beam but not yet written) would never
 * arrive. Bronze is idempotent on {@code event_id}, so publishing them again is safe. Runs after the
 * bronze job starts and before Axon starts its processors.
 */
@Component
@ConditionalOnProperty(name = "salesflow.pubsub.emulator.enabled", havingValue = "true", matchIfMissing = true)
public class RepublishMissingEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RepublishMissingEvents.class);
    private static final int PAGE = 10_000;

    private final EventStoreQueries queries;
    private final EventStore eventStore;
    private final Warehouse warehouse;
    private final PubSubRelay relay;
    private volatile boolean running;

    public RepublishMissingEvents(EventStoreQueries queries, EventStore eventStore, Warehouse warehouse,
                                  PubSubRelay relay) {
        this.queries = queries;
        this.eventStore = eventStore;
        this.warehouse = warehouse;
        this.relay = relay;
    }

    @Override
    public void start() {
        running = true;
        if (warehouse instanceof DuckDbWarehouse duckDb) {
            BronzeTables.create(duckDb);
        }
        long stored = queries.countEvents();
        if (stored == 0 || warehouse.count(BronzeTables.EVENTS) >= stored) {
            return;
        }
        Set<String> missing = new HashSet<>();
        long firstMissingIndex = findMissing(missing);
        if (missing.isEmpty()) {
            return;
        }
        log.info("{} stored events are not in bronze (the last run stopped before they landed); publishing them again",
                missing.size());
        republish(firstMissingIndex, missing);
    }

    /** Collects the ids of stored events absent from bronze; returns the global index of the first. */
    private long findMissing(Set<String> missing) {
        long after = -1;
        long firstMissing = -1;
        List<StoredEventId> page;
        while (!(page = queries.eventIdsAfter(after, PAGE)).isEmpty()) {
            Set<String> landed = landed(page);
            for (StoredEventId event : page) {
                if (!landed.contains(event.eventId())) {
                    missing.add(event.eventId());
                    if (firstMissing < 0) {
                        firstMissing = event.globalIndex();
                    }
                }
            }
            after = page.get(page.size() - 1).globalIndex();
        }
        return firstMissing;
    }

    private Set<String> landed(List<StoredEventId> page) {
        StringBuilder ids = new StringBuilder();
        for (StoredEventId event : page) {
            ids.append(ids.isEmpty() ? "'" : ", '").append(event.eventId().replace("'", "''")).append('\'');
        }
        return new HashSet<>(warehouse.query("select event_id from " + BronzeTables.EVENTS
                + " where event_id in (" + ids + ")", row -> row.getString(1)));
    }

    private void republish(long firstMissingIndex, Set<String> missing) {
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(firstMissingIndex - 1, List.of());
        List<CompletableFuture<String>> confirmations = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(before)) {
            Set<String> remaining = new HashSet<>(missing);
            while (!remaining.isEmpty() && stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (remaining.remove(event.getIdentifier())) {
                    confirmations.add(relay.publish(event));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the events missing from bronze", e);
        }
        relay.awaitConfirmations(confirmations, Duration.ofMinutes(5),
                "restart to retry: nothing is lost, the event store still holds the events missing from bronze");
        log.info("Published {} events again; bronze ignores any it already had", confirmations.size());
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the bronze job (0), before Axon's processors (Integer.MAX_VALUE - 3072). */
    @Override
    public int getPhase() {
        return 10;
    }
}
