package dev.salesflow.domain.api.customer;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;

public record CustomerEmailChangedEvent(String customerId, String email, Instant changedAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return changedAt;
    }
}
