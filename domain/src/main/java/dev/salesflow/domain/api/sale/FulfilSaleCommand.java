package dev.salesflow.domain.api.sale;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The goods were handed over or shipped; from then on the sale can be refunded, not cancelled. */
public record FulfilSaleCommand(@TargetAggregateIdentifier String saleId, Instant fulfilledAt) {}
