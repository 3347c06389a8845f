package dev.salesflow.events.product;

import dev.salesflow.events.DomainEvent;
import java.time.Instant;

public record ProductDiscontinuedEvent(String productId, Instant discontinuedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return discontinuedAt;
    }
}
