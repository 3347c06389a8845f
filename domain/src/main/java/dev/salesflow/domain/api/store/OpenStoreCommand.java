package dev.salesflow.domain.api.store;

import dev.salesflow.events.store.StoreKind;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a store that sells in one currency. */
public record OpenStoreCommand(
        @TargetAggregateIdentifier String storeId,
        String name,
        String country,
        String city,
        StoreKind kind,
        String currency,
        Instant openedAt) {}
