package dev.salesflow.domain.api.product;

import dev.salesflow.domain.api.DomainEvent;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Revision 2 added {@code subcategory}; revision-1 events are read through the domain's upcaster. */
@Revision("2")
public record ProductListedEvent(
        String productId,
        String sku,
        String name,
        String brand,
        String category,
        String subcategory,
        BigDecimal price,
        String currency,
        Instant listedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return listedAt;
    }
}
