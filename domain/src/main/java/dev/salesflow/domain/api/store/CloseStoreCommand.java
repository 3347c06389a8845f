package dev.salesflow.domain.api.store;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From {@code closedAt} on, the store cannot sell. */
public record CloseStoreCommand(@TargetAggregateIdentifier String storeId, Instant closedAt) {}
