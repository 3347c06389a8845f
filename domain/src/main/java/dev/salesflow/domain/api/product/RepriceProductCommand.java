package dev.salesflow.domain.api.product;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A new list price, in the currency the product is listed in, from {@code repricedAt}. */
public record RepriceProductCommand(
        @TargetAggregateIdentifier String productId, BigDecimal price, Instant repricedAt) {}
