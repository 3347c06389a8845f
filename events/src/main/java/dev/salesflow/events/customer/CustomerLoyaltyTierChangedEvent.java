package dev.salesflow.events.customer;

import dev.salesflow.events.DomainEvent;
import java.time.Instant;

public record CustomerLoyaltyTierChangedEvent(String customerId, LoyaltyTier loyaltyTier, Instant changedAt)
        implements DomainEvent {

    @Override
    public Instant occurredAt() {
        return changedAt;
    }
}
