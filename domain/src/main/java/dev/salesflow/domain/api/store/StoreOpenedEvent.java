package dev.salesflow.domain.api.store;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Revision 2 added {@code currency}; revision-1 events are read through the domain's upcaster. */
@Revision("2")
public record StoreOpenedEvent(
        String storeId,
        String name,
        String country,
        String city,
        StoreKind kind,
        String currency,
        Instant openedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return openedAt;
    }
}
