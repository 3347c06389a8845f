package dev.salesflow.relay;

import dev.salesflow.eventstore.lifecycle.Phase;
import dev.salesflow.eventstore.lifecycle.PhasedLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up in the embedded mode, publishes again every stored event that is not in bronze.
 *
 * <p>The embedded emulator keeps messages in memory, and the relay's position moves once Pub/Sub
 * has confirmed a message, not once bronze has landed it. After a crash, events that were
 * confirmed but still in the emulator (or acknowledged by Beam but not yet written) would never
 * arrive. Bronze is idempotent on {@code event_id}, so publishing them again is safe. Which events
 * are missing is decided by their ids ({@link MissingEvents}), never by counts. Runs after the
 * bronze job starts and before Axon starts its processors.
 */
public class RepublishMissingEvents extends PhasedLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RepublishMissingEvents.class);

    /** Events published together, one chunk confirmed before the next (order per aggregate). */
    private static final int CHUNK = 5_000;

    private static final String WHAT_NEXT =
            "restart to retry: nothing is lost, the event store still holds the events missing from bronze";

    private final MissingEvents missingEvents;
    private final EventStore eventStore;
    private final PubSubRelay relay;

    public RepublishMissingEvents(MissingEvents missingEvents, EventStore eventStore, PubSubRelay relay) {
        super(Phase.REPUBLISH_MISSING);
        this.missingEvents = missingEvents;
        this.eventStore = eventStore;
        this.relay = relay;
    }

    @Override
    protected void onStart() {
        MissingEvents.Missing missing = missingEvents.find();
        if (missing.none()) {
            return;
        }
        log.info(
                "{} stored events are not in bronze (the last run stopped before they landed); publishing them again",
                missing.eventIds().size());
        republish(missing.firstGlobalIndex(), missing.eventIds());
    }

    private void republish(long firstMissingIndex, Set<String> missing) {
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(firstMissingIndex - 1, List.of());
        int published = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(before)) {
            Set<String> remaining = new HashSet<>(missing);
            List<TrackedEventMessage<?>> chunk = new ArrayList<>(CHUNK);
            while (!remaining.isEmpty() && stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (remaining.remove(event.getIdentifier())) {
                    chunk.add(event);
                }
                if (chunk.size() == CHUNK || remaining.isEmpty()) {
                    relay.publishAll(chunk, Duration.ofMinutes(5), WHAT_NEXT);
                    published += chunk.size();
                    chunk.clear();
                }
            }
            relay.publishAll(chunk, Duration.ofMinutes(5), WHAT_NEXT);
            published += chunk.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the events missing from bronze", e);
        }
        log.info("Published {} events again; bronze ignores any it already had", published);
    }
}
