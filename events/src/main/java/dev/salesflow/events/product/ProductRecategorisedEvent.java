package dev.salesflow.events.product;

import dev.salesflow.events.DomainEvent;
import java.time.Instant;

public record ProductRecategorisedEvent(String productId, String category, String subcategory, Instant recategorisedAt)
        implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return recategorisedAt;
    }
}
