package dev.salesflow.events.store;

import dev.salesflow.events.DomainEvent;
import dev.salesflow.events.EventRevision;
import java.time.Instant;

/** Revision 2 added {@code currency}; revision-1 events are read through the domain's upcaster. */
@EventRevision("2")
public record StoreOpenedEvent(
        String storeId, String name, String country, String city, StoreKind kind, String currency, Instant openedAt)
        implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return openedAt;
    }
}
