package dev.salesflow.domain.api.store;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenStoreCommand(
        @TargetAggregateIdentifier String storeId,
        String name,
        String country,
        String city,
        StoreKind kind,
        Instant openedAt) {
}
