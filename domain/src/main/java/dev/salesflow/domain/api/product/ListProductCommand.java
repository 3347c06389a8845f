package dev.salesflow.domain.api.product;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts a product in the catalogue at a list price in one currency. */
public record ListProductCommand(
        @TargetAggregateIdentifier String productId,
        String sku,
        String name,
        String brand,
        String category,
        String subcategory,
        BigDecimal price,
        String currency,
        Instant listedAt) {}
