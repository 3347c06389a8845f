package dev.salesflow.domain.api.customer;

import dev.salesflow.domain.api.DomainEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Revision 2 added {@code preferredCurrency} and {@code loyaltyTier}; revision-1 events (stored
 * before) are read through the domain's upcaster.
 */
@Revision("2")
public record CustomerRegisteredEvent(
        String customerId,
        String name,
        String email,
        String country,
        String city,
        String preferredCurrency,
        LoyaltyTier loyaltyTier,
        Instant registeredAt) implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return registeredAt;
    }
}
