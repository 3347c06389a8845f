package dev.salesflow.domain.api.product;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecategoriseProductCommand(
        @TargetAggregateIdentifier String productId, String category, String subcategory, Instant recategorisedAt) {}
