package dev.salesflow.domain.api.customer;

import dev.salesflow.events.customer.LoyaltyTier;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves the customer up or down the loyalty programme. */
public record ChangeLoyaltyTierCommand(
        @TargetAggregateIdentifier String customerId, LoyaltyTier loyaltyTier, Instant changedAt) {}
