package dev.salesflow.domain.api.store;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;

public record StoreClosedEvent(String storeId, Instant closedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return closedAt;
    }
}
