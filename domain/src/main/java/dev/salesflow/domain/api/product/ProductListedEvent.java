package dev.salesflow.domain.api.product;

import java.math.BigDecimal;
import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;

public record ProductListedEvent(
        String productId,
        String sku,
        String name,
        String brand,
        String category,
        BigDecimal price,
        String currency,
        Instant listedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return listedAt;
    }
}
