package dev.salesflow.domain.api.customer;

import dev.salesflow.events.customer.LoyaltyTier;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a new customer; {@code registeredAt} is business time. */
public record RegisterCustomerCommand(
        @TargetAggregateIdentifier String customerId,
        String name,
        String email,
        String country,
        String city,
        String preferredCurrency,
        LoyaltyTier loyaltyTier,
        Instant registeredAt) {}
