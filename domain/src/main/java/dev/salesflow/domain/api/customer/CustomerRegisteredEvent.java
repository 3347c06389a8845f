package dev.salesflow.domain.api.customer;

import java.time.Instant;

public record CustomerRegisteredEvent(
        String customerId,
        String name,
        String email,
        String country,
        String city,
        Instant registeredAt) {
}
