package dev.salesflow.events.customer;

import dev.salesflow.events.DomainEvent;
import dev.salesflow.events.EventRevision;
import java.time.Instant;

/**
 * Revision 2 added {@code preferredCurrency} and {@code loyaltyTier}; revision-1 events (stored
 * before) are read through the domain's upcaster.
 */
@EventRevision("2")
public record CustomerRegisteredEvent(
        String customerId,
        String name,
        String email,
        String country,
        String city,
        String preferredCurrency,
        LoyaltyTier loyaltyTier,
        Instant registeredAt)
        implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return registeredAt;
    }
}
