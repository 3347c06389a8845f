package dev.salesflow.domain.api.product;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;

public record ProductRecategorisedEvent(
        String productId,
        String category,
        String subcategory,
        Instant recategorisedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return recategorisedAt;
    }
}
