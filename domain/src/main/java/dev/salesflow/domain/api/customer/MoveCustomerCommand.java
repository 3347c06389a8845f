package dev.salesflow.domain.api.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The customer now lives in another city (possibly another country) since {@code movedAt}. */
public record MoveCustomerCommand(
        @TargetAggregateIdentifier String customerId, String country, String city, Instant movedAt) {}
