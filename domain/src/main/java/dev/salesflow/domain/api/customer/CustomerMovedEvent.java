package dev.salesflow.domain.api.customer;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;

public record CustomerMovedEvent(String customerId, String country, String city, Instant movedAt)
        implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return movedAt;
    }
}
