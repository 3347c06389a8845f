package dev.salesflow.events.customer;

import dev.salesflow.events.DomainEvent;
import java.time.Instant;

public record CustomerEmailChangedEvent(String customerId, String email, Instant changedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return changedAt;
    }
}
