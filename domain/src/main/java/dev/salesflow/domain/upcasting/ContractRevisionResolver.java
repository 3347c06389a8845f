package dev.salesflow.domain.upcasting;

import dev.salesflow.events.EventEnvelope;
import org.axonframework.serialization.RevisionResolver;

/**
 * Axon reads an event's revision from the contract's {@code @EventRevision}, so the event records
 * carry no Axon annotation and the stored revision is the one the relay publishes.
 */
public final class ContractRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        return EventEnvelope.revisionOf(payloadType);
    }
}
