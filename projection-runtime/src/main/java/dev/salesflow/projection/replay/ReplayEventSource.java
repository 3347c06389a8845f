package dev.salesflow.projection.replay;

import java.util.List;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The event store as a replay reads it: in global order, batch after batch, with Axon's tracking
 * tokens (so gaps of transactions still in flight are remembered, as a tracking processor would)
 * and with the upcasters applied.
 */
public interface ReplayEventSource {

    /** The events after {@code token} ({@code null}: from the first one), at most one batch; empty when caught up. */
    List<? extends TrackedEventMessage<?>> nextBatch(TrackingToken token);

    /** Global position of the newest stored event (for progress and ETA only); 0 when the store is empty. */
    long headPosition();
}
