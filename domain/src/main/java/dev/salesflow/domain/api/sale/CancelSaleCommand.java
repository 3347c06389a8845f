package dev.salesflow.domain.api.sale;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels a sale that has not been fulfilled yet. */
public record CancelSaleCommand(@TargetAggregateIdentifier String saleId, String reason, Instant cancelledAt) {}
