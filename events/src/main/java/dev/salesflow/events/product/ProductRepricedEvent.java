package dev.salesflow.events.product;

import dev.salesflow.events.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;

/** Carries the old price too, so that consumers see the change without looking back. */
public record ProductRepricedEvent(
        String productId, BigDecimal previousPrice, BigDecimal price, String currency, Instant repricedAt)
        implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return repricedAt;
    }
}
