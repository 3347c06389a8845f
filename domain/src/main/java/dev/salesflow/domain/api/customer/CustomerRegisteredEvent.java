package dev.salesflow.domain.api.customer;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;

public record CustomerRegisteredEvent(
        String customerId,
        String name,
        String email,
        String country,
        String city,
        Instant registeredAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return registeredAt;
    }
}
