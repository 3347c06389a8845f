package dev.salesflow.app.health;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Where the store's head and a tracking processor stand, in global indexes: health and the generator's backlog bound read them alike. */
public final class ProcessorPositions {

    private ProcessorPositions() {}

    /** The store's newest global index (0 when empty); null without a store or while it cannot answer (closing). */
    public static Long head(EventStore store) {
        if (store == null) {
            return null;
        }
        try {
            TrackingToken head = store.createHeadToken();
            return head == null ? 0L : head.position().orElse(0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The lowest position among the processor's claimed segments; null before any segment has one. */
    public static Long lowest(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(status -> status.getCurrentPosition().orElse(-1))
                .filter(position -> position >= 0)
                .min(Long::compare)
                .orElse(null);
    }
}
