package dev.salesflow.domain.api.product;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;

public record ProductDiscontinuedEvent(String productId, Instant discontinuedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return discontinuedAt;
    }
}
