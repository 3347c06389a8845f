package dev.salesflow.events.customer;

import dev.salesflow.events.DomainEvent;
import java.time.Instant;

public record CustomerMovedEvent(String customerId, String country, String city, Instant movedAt)
        implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return movedAt;
    }
}
