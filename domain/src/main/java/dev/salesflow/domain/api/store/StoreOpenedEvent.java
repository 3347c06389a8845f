package dev.salesflow.domain.api.store;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;

public record StoreOpenedEvent(
        String storeId,
        String name,
        String country,
        String city,
        StoreKind kind,
        Instant openedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return openedAt;
    }
}
