package dev.salesflow.events.store;

import dev.salesflow.events.DomainEvent;
import java.time.Instant;

public record StoreClosedEvent(String storeId, Instant closedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return closedAt;
    }
}
