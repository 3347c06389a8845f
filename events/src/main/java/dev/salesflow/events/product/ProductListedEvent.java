package dev.salesflow.events.product;

import dev.salesflow.events.DomainEvent;
import dev.salesflow.events.EventRevision;
import java.math.BigDecimal;
import java.time.Instant;

/** Revision 2 added {@code subcategory}; revision-1 events are read through the domain's upcaster. */
@EventRevision("2")
public record ProductListedEvent(
        String productId,
        String sku,
        String name,
        String brand,
        String category,
        String subcategory,
        BigDecimal price,
        String currency,
        Instant listedAt)
        implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return listedAt;
    }
}
