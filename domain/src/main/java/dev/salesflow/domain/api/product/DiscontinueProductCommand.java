package dev.salesflow.domain.api.product;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From {@code discontinuedAt} on, the product cannot be sold, repriced or recategorised. */
public record DiscontinueProductCommand(
        @TargetAggregateIdentifier String productId, Instant discontinuedAt) {}
